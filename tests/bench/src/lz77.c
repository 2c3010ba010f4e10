/*
 * lz77: an LZ77 compressor with hash chains and its decompressor, run
 * over generated text (words of a made-up vocabulary with a skewed
 * frequency), checking that decompression gives the input back.
 *
 * Token format (our own): a byte T < 128 is followed by T+1 literal bytes;
 * a byte T >= 128 is a match of length (T & 127) + 3 at the distance given
 * by the next two bytes (little endian, 1..65535).
 */
#include "bench.h"

#define HBITS 14
#define MAXCHAIN 16
#define WINDOW 65535
#define MINMATCH 3
#define MAXMATCH (127 + MINMATCH)

static inline unsigned hash3(const uint8_t *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    return (v * 2654435761u) >> (32 - HBITS);
}

static size_t flush_literals(uint8_t *out, size_t o, const uint8_t *lit,
                             size_t n)
{
    while (n) {
        size_t k = n > 128 ? 128 : n;
        out[o++] = (uint8_t)(k - 1);
        memcpy(out + o, lit, k);
        o += k;
        lit += k;
        n -= k;
    }
    return o;
}

static size_t compress(const uint8_t *in, size_t n, uint8_t *out,
                       int32_t *head, int32_t *prev)
{
    size_t o = 0, i = 0, lit = 0;
    for (int h = 0; h < (1 << HBITS); h++)
        head[h] = -1;
    while (i < n) {
        size_t best = 0, dist = 0;
        if (i + MINMATCH <= n) {
            unsigned h = hash3(in + i);
            int32_t cand = head[h];
            size_t limit = n - i < MAXMATCH ? n - i : MAXMATCH;
            for (int chain = 0; cand >= 0 && chain < MAXCHAIN; chain++) {
                if (i - (size_t)cand > WINDOW)
                    break;
                size_t l = 0;
                while (l < limit && in[cand + l] == in[i + l])
                    l++;
                if (l > best) {
                    best = l;
                    dist = i - (size_t)cand;
                    if (l == limit)
                        break;
                }
                cand = prev[cand];
            }
            prev[i] = head[h];
            head[h] = (int32_t)i;
        }
        if (best >= MINMATCH) {
            o = flush_literals(out, o, in + lit, i - lit);
            out[o++] = (uint8_t)(128 + best - MINMATCH);
            out[o++] = (uint8_t)dist;
            out[o++] = (uint8_t)(dist >> 8);
            /* enter the skipped positions into the hash chains */
            for (size_t k = 1; k < best && i + k + MINMATCH <= n; k++) {
                unsigned h = hash3(in + i + k);
                prev[i + k] = head[h];
                head[h] = (int32_t)(i + k);
            }
            i += best;
            lit = i;
        } else {
            i++;
        }
    }
    return flush_literals(out, o, in + lit, n - lit);
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned t = in[i++];
        if (t < 128) {
            memcpy(out + o, in + i, t + 1);
            i += t + 1;
            o += t + 1;
        } else {
            size_t len = t - 128 + MINMATCH;
            size_t dist = in[i] | (size_t)in[i + 1] << 8;
            i += 2;
            for (size_t k = 0; k < len; k++, o++)   /* may overlap */
                out[o] = out[o - dist];
        }
    }
    return o;
}

/* text made of words from a random vocabulary, favouring the first ones */
static void make_text(uint8_t *p, size_t n, uint64_t seed)
{
    enum { NWORDS = 600 };
    static char words[NWORDS][12];
    bench_rng rng = { seed };
    for (int w = 0; w < NWORDS; w++) {
        int len = 2 + (int)(bench_next(&rng) % 9);
        for (int k = 0; k < len; k++)
            words[w][k] = (char)('a' + bench_next(&rng) % 26);
        words[w][len] = 0;
    }
    size_t i = 0;
    while (i < n) {
        uint64_t r = bench_next(&rng);
        unsigned w = (unsigned)((r & 0xffff) * (r >> 16 & 0xffff) >> 16) % NWORDS;
        for (const char *s = words[w]; *s && i < n; s++)
            p[i++] = (uint8_t)*s;
        if (i < n)
            p[i++] = (r >> 40) % 11 == 0 ? '\n' : ' ';
    }
}

int main(int argc, char **argv)
{
    long rounds = bench_arg(argc, argv, 1, 12);
    enum { SIZE = 1 << 20 };
    uint8_t *in = malloc(SIZE), *out = malloc(SIZE + SIZE / 64 + 16);
    uint8_t *back = malloc(SIZE);
    int32_t *head = malloc(sizeof(int32_t) << HBITS);
    int32_t *prev = malloc(sizeof(int32_t) * SIZE);
    if (!in || !out || !back || !head || !prev)
        return 1;
    uint64_t total = 0, h = 0xcbf29ce484222325ULL;
    for (long r = 0; r < rounds; r++) {
        make_text(in, SIZE, 1000 + (uint64_t)r);
        size_t c = compress(in, SIZE, out, head, prev);
        size_t d = decompress(out, c, back);
        int same = d == SIZE && memcmp(in, back, SIZE) == 0;
        total += c;
        for (size_t k = 0; k < c; k += 61)
            h = bench_mix(h, out[k]);
        if (r < 3 || r == rounds - 1)
            printf("round %ld: %d -> %zu bytes, roundtrip %s\n", r, SIZE, c,
                   same ? "ok" : "FAILED");
        else if (!same)
            printf("round %ld: roundtrip FAILED\n", r);
    }
    printf("rounds=%ld compressed total=%llu hash=%016llx\n", rounds,
           (unsigned long long)total, (unsigned long long)h);
    free(in); free(out); free(back); free(head); free(prev);
    return 0;
}
