/*
 * interp: a small register bytecode interpreter with a switch dispatcher.
 *
 * Two bytecode programs are run: a sieve of Eratosthenes (memory, nested
 * loops) and a Collatz step count (data-dependent branches).  The VM loop
 * is a switch over the opcode, which gcc compiles to a jump table: one
 * indirect branch per bytecode instruction.
 */
#include "bench.h"

enum {
    OP_LI,      /* r[a] = imm */
    OP_MOV,     /* r[a] = r[b] */
    OP_ADD,     /* r[a] = r[b] + r[c] */
    OP_SUB,     /* r[a] = r[b] - r[c] */
    OP_MUL,     /* r[a] = r[b] * r[c] */
    OP_ADDI,    /* r[a] = r[b] + imm */
    OP_ANDI,    /* r[a] = r[b] & imm */
    OP_SHRI,    /* r[a] = r[b] >> imm */
    OP_LDB,     /* r[a] = mem[r[b]] */
    OP_STB,     /* mem[r[b]] = r[a] */
    OP_JMP,     /* pc = imm */
    OP_JGE,     /* if r[a] >= r[b]: pc = imm */
    OP_JEQ,     /* if r[a] == r[b]: pc = imm */
    OP_JZ,      /* if r[a] == 0: pc = imm */
    OP_JNZ,     /* if r[a] != 0: pc = imm */
    OP_MAX,     /* r[a] = max(r[a], r[b]) */
    OP_HALT
};

typedef struct {
    uint8_t op, a, b, c;
    int32_t imm;
} insn;

static insn prog[256];
static int nprog;

static int emit(int op, int a, int b, int c, int32_t imm)
{
    prog[nprog] = (insn){ (uint8_t)op, (uint8_t)a, (uint8_t)b, (uint8_t)c, imm };
    return nprog++;
}

static uint64_t executed;

static void run(int64_t *r, uint8_t *mem)
{
    const insn *code = prog;
    int pc = 0;
    uint64_t count = 0;
    for (;;) {
        const insn *i = &code[pc++];
        count++;
        switch (i->op) {
        case OP_LI:   r[i->a] = i->imm; break;
        case OP_MOV:  r[i->a] = r[i->b]; break;
        case OP_ADD:  r[i->a] = r[i->b] + r[i->c]; break;
        case OP_SUB:  r[i->a] = r[i->b] - r[i->c]; break;
        case OP_MUL:  r[i->a] = r[i->b] * r[i->c]; break;
        case OP_ADDI: r[i->a] = r[i->b] + i->imm; break;
        case OP_ANDI: r[i->a] = r[i->b] & i->imm; break;
        case OP_SHRI: r[i->a] = r[i->b] >> i->imm; break;
        case OP_LDB:  r[i->a] = mem[r[i->b]]; break;
        case OP_STB:  mem[r[i->b]] = (uint8_t)r[i->a]; break;
        case OP_JMP:  pc = i->imm; break;
        case OP_JGE:  if (r[i->a] >= r[i->b]) pc = i->imm; break;
        case OP_JEQ:  if (r[i->a] == r[i->b]) pc = i->imm; break;
        case OP_JZ:   if (r[i->a] == 0) pc = i->imm; break;
        case OP_JNZ:  if (r[i->a] != 0) pc = i->imm; break;
        case OP_MAX:  if (r[i->b] > r[i->a]) r[i->a] = r[i->b]; break;
        case OP_HALT: executed += count; return;
        default:      fprintf(stderr, "bad opcode\n"); exit(1);
        }
    }
}

/*
 * sieve: r0 = limit; result r5 = number of primes, r6 = their sum.
 * registers: r1 i, r2 i*i / j, r3 scratch, r4 one
 */
static void build_sieve(void)
{
    nprog = 0;
    emit(OP_LI, 1, 0, 0, 2);
    emit(OP_LI, 4, 0, 0, 1);
    int outer = emit(OP_MUL, 2, 1, 1, 0);
    int jdone = emit(OP_JGE, 2, 0, 0, -1);          /* i*i >= limit: count */
    emit(OP_LDB, 3, 1, 0, 0);
    int jskip = emit(OP_JNZ, 3, 0, 0, -1);          /* composite: next i */
    int inner = emit(OP_JGE, 2, 0, 0, -1);          /* j >= limit: next i */
    emit(OP_STB, 4, 2, 0, 0);
    emit(OP_ADD, 2, 2, 1, 0);
    emit(OP_JMP, 0, 0, 0, inner);
    int next = emit(OP_ADDI, 1, 1, 0, 1);
    emit(OP_JMP, 0, 0, 0, outer);
    int count = emit(OP_LI, 1, 0, 0, 2);
    emit(OP_LI, 5, 0, 0, 0);
    emit(OP_LI, 6, 0, 0, 0);
    int loop = emit(OP_JGE, 1, 0, 0, -1);           /* i >= limit: halt */
    emit(OP_LDB, 3, 1, 0, 0);
    int jc = emit(OP_JNZ, 3, 0, 0, -1);
    emit(OP_ADDI, 5, 5, 0, 1);
    emit(OP_ADD, 6, 6, 1, 0);
    int cont = emit(OP_ADDI, 1, 1, 0, 1);
    emit(OP_JMP, 0, 0, 0, loop);
    int halt = emit(OP_HALT, 0, 0, 0, 0);
    prog[jdone].imm = count;
    prog[jskip].imm = next;
    prog[inner].imm = next;
    prog[loop].imm = halt;
    prog[jc].imm = cont;
}

/*
 * collatz: r0 = limit; r5 = total steps for 1..limit-1, r6 = longest.
 * registers: r1 n, r2 x, r3 steps / scratch, r4 one, r7 steps
 */
static void build_collatz(void)
{
    nprog = 0;
    emit(OP_LI, 1, 0, 0, 1);
    emit(OP_LI, 4, 0, 0, 1);
    emit(OP_LI, 5, 0, 0, 0);
    emit(OP_LI, 6, 0, 0, 0);
    int outer = emit(OP_JGE, 1, 0, 0, -1);          /* n >= limit: halt */
    emit(OP_MOV, 2, 1, 0, 0);
    emit(OP_LI, 7, 0, 0, 0);
    int step = emit(OP_JEQ, 2, 4, 0, -1);           /* x == 1: done */
    emit(OP_ANDI, 3, 2, 0, 1);
    int jeven = emit(OP_JZ, 3, 0, 0, -1);
    emit(OP_ADD, 3, 2, 2, 0);                       /* x = 3x + 1 */
    emit(OP_ADD, 2, 3, 2, 0);
    emit(OP_ADDI, 2, 2, 0, 1);
    int jcount = emit(OP_JMP, 0, 0, 0, -1);
    int even = emit(OP_SHRI, 2, 2, 0, 1);
    int counted = emit(OP_ADDI, 7, 7, 0, 1);
    emit(OP_JMP, 0, 0, 0, step);
    int done = emit(OP_ADD, 5, 5, 7, 0);
    emit(OP_MAX, 6, 7, 0, 0);
    emit(OP_ADDI, 1, 1, 0, 1);
    emit(OP_JMP, 0, 0, 0, outer);
    int halt = emit(OP_HALT, 0, 0, 0, 0);
    prog[outer].imm = halt;
    prog[step].imm = done;
    prog[jeven].imm = even;
    prog[jcount].imm = counted;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 4000000);
    int64_t r[8];
    uint8_t *mem = calloc((size_t)n, 1);
    if (!mem)
        return 1;

    build_sieve();
    memset(r, 0, sizeof r);
    r[0] = n;
    run(r, mem);
    printf("sieve limit=%ld primes=%lld sum=%lld\n", n, (long long)r[5],
           (long long)r[6]);

    build_collatz();
    memset(r, 0, sizeof r);
    r[0] = n / 4;
    run(r, mem);
    printf("collatz limit=%ld steps=%lld longest=%lld\n", n / 4,
           (long long)r[5], (long long)r[6]);
    printf("bytecodes executed=%llu\n", (unsigned long long)executed);
    free(mem);
    return 0;
}
