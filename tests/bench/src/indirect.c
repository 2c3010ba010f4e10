/*
 * indirect: indirect-branch-heavy code.
 *  - "objects" of five kinds, each with a table of function pointers
 *    (a hand-made vtable), updated through those pointers in random order;
 *  - a lexer written as a state machine (a switch on the state, then on
 *    the character class) over generated program-like text.
 */
#include "bench.h"

typedef struct obj obj;
typedef struct {
    int64_t (*measure)(const obj *);
    void (*step)(obj *, int64_t);
} vtable;

struct obj {
    const vtable *vt;
    int64_t a, b, c;
};

static int64_t sq_measure(const obj *o) { return o->a * o->a; }
static void sq_step(obj *o, int64_t k) { o->a = (o->a + k) & 1023; }
static int64_t rect_measure(const obj *o) { return o->a * o->b; }
static void rect_step(obj *o, int64_t k) { o->a = (o->a ^ k) & 511; o->b = (o->b + 3) & 511; }
static int64_t tri_measure(const obj *o) { return o->a * o->b / 2; }
static void tri_step(obj *o, int64_t k) { o->b = (o->b * 5 + k) & 255; }
static int64_t box_measure(const obj *o) { return o->a * o->b * o->c; }
static void box_step(obj *o, int64_t k) { o->c = (o->c + (k & 7)) & 63; o->a ^= 1; }
static int64_t ring_measure(const obj *o) { return 3 * (o->a * o->a - o->b * o->b); }
static void ring_step(obj *o, int64_t k) { int64_t t = o->a; o->a = (o->b + k) & 127; o->b = t; }

static const vtable vtables[5] = {
    { sq_measure, sq_step },     { rect_measure, rect_step },
    { tri_measure, tri_step },   { box_measure, box_step },
    { ring_measure, ring_step },
};

static int64_t run_objects(long rounds)
{
    enum { NOBJ = 4096 };
    static obj objs[NOBJ];
    static uint16_t order[NOBJ];
    bench_rng rng = { 77 };
    for (int i = 0; i < NOBJ; i++) {
        uint64_t r = bench_next(&rng);
        objs[i] = (obj){ &vtables[r % 5], (int64_t)(r >> 8 & 255),
                         (int64_t)(r >> 16 & 255), (int64_t)(r >> 24 & 63) };
        order[i] = (uint16_t)(bench_next(&rng) % NOBJ);
    }
    int64_t total = 0;
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < NOBJ; i++) {
            obj *o = &objs[order[i]];
            int64_t m = o->vt->measure(o);
            total += m;
            o->vt->step(o, m & 15);
        }
    }
    return total;
}

/* ---- lexer ---- */
enum { S_START, S_IDENT, S_NUMBER, S_STRING, S_COMMENT, S_OP };
enum { C_ALPHA, C_DIGIT, C_SPACE, C_QUOTE, C_HASH, C_NL, C_OP, C_OTHER };

static unsigned char cls[256];

static void make_classes(void)
{
    for (int c = 0; c < 256; c++) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
            cls[c] = C_ALPHA;
        else if (c >= '0' && c <= '9')
            cls[c] = C_DIGIT;
        else if (c == ' ' || c == '\t')
            cls[c] = C_SPACE;
        else if (c == '"')
            cls[c] = C_QUOTE;
        else if (c == '#')
            cls[c] = C_HASH;
        else if (c == '\n')
            cls[c] = C_NL;
        else if (strchr("+-*/=<>!&|(){};,", c) && c)
            cls[c] = C_OP;
        else
            cls[c] = C_OTHER;
    }
}

typedef struct {
    uint64_t ident, number, string, comment, op, other, hash;
} counts;

static void lex(const unsigned char *p, size_t n, counts *k)
{
    int state = S_START;
    uint64_t h = 0;
    for (size_t i = 0; i <= n; i++) {
        int c = i < n ? cls[p[i]] : C_NL;
        int again;
        do {
            again = 0;
            switch (state) {
            case S_START:
                switch (c) {
                case C_ALPHA: state = S_IDENT; h = p[i]; break;
                case C_DIGIT: state = S_NUMBER; h = p[i] - '0'; break;
                case C_QUOTE: state = S_STRING; break;
                case C_HASH:  state = S_COMMENT; break;
                case C_OP:    state = S_OP; h = p[i]; break;
                case C_OTHER: k->other++; break;
                default:      break;
                }
                break;
            case S_IDENT:
                if (c == C_ALPHA || c == C_DIGIT) {
                    h = h * 31 + p[i];
                } else {
                    k->ident++;
                    k->hash = (k->hash ^ h) * 0x100000001b3ULL;
                    state = S_START;
                    again = 1;
                }
                break;
            case S_NUMBER:
                if (c == C_DIGIT) {
                    h = h * 10 + (uint64_t)(p[i] - '0');
                } else {
                    k->number++;
                    k->hash += h;
                    state = S_START;
                    again = 1;
                }
                break;
            case S_STRING:
                if (c == C_QUOTE || c == C_NL) {
                    k->string++;
                    state = S_START;
                }
                break;
            case S_COMMENT:
                if (c == C_NL) {
                    k->comment++;
                    state = S_START;
                }
                break;
            case S_OP:
                /* two-character operators: ==, <=, >=, !=, &&, || */
                if (c == C_OP && (p[i] == '=' || p[i] == h) &&
                    strchr("=<>!&|", (int)h)) {
                    k->op++;
                    state = S_START;
                } else {
                    k->op++;
                    state = S_START;
                    again = 1;
                }
                break;
            }
        } while (again);
    }
}

static size_t make_source(unsigned char *p, size_t n)
{
    static const char *frags[] = {
        "int ", "x", "y1", "count", "= ", "== ", "+ ", "- ", "* ", "42 ",
        "1000 ", "7 ", "(", ") ", "{\n", "}\n", "; ", "if ", "while ",
        "\"hello world\" ", "# a comment here\n", "return ", "a_b ",
        "<= ", "!= ", "&& ", "|| ", ",", "@ ", "\n", "\t",
    };
    const size_t nf = sizeof frags / sizeof frags[0];
    bench_rng rng = { 4242 };
    size_t i = 0;
    for (;;) {
        const char *f = frags[bench_next(&rng) % nf];
        size_t l = strlen(f);
        if (i + l > n)
            return i;
        memcpy(p + i, f, l);
        i += l;
    }
}

int main(int argc, char **argv)
{
    long rounds = bench_arg(argc, argv, 1, 100);
    printf("objects rounds=%ld total=%lld\n", rounds * 10,
           (long long)run_objects(rounds * 10));

    enum { SRC = 1 << 20 };
    unsigned char *src = malloc(SRC);
    if (!src)
        return 1;
    size_t n = make_source(src, SRC);
    make_classes();
    counts k = { 0 };
    for (long r = 0; r < rounds; r++)
        lex(src, n, &k);
    printf("lexer rounds=%ld bytes=%zu ident=%llu number=%llu string=%llu "
           "comment=%llu op=%llu other=%llu hash=%016llx\n", rounds, n,
           (unsigned long long)k.ident, (unsigned long long)k.number,
           (unsigned long long)k.string, (unsigned long long)k.comment,
           (unsigned long long)k.op, (unsigned long long)k.other,
           (unsigned long long)k.hash);
    free(src);
    return 0;
}
