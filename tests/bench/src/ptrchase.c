/*
 * ptrchase: pointer chasing over a linked structure.  The nodes of a
 * singly linked ring are laid out in a random order (a single cycle built
 * with Sattolo's shuffle), so every step is a dependent load to an
 * unpredictable address; each node's payload steers a branch.
 */
#include "bench.h"

typedef struct node {
    struct node *next;
    uint32_t value;
    uint32_t id;
} node;

int main(int argc, char **argv)
{
    long steps = bench_arg(argc, argv, 1, 40000000);
    const long n = 1 << 18;                 /* 256 Ki nodes, 4 MiB */
    node *nodes = malloc((size_t)n * sizeof *nodes);
    uint32_t *perm = malloc((size_t)n * sizeof *perm);
    if (!nodes || !perm)
        return 1;
    bench_rng rng = { 99 };
    for (long i = 0; i < n; i++)
        perm[i] = (uint32_t)i;
    for (long i = n - 1; i > 0; i--) {      /* Sattolo: one n-cycle */
        long j = (long)(bench_next(&rng) % (uint64_t)i);
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (long i = 0; i < n; i++) {
        nodes[i].next = &nodes[perm[i]];
        nodes[i].value = (uint32_t)bench_next(&rng);
        nodes[i].id = (uint32_t)i;
    }

    const node *p = &nodes[0];
    uint64_t sum = 0, odd = 0;
    uint32_t x = 0;
    for (long s = 0; s < steps; s++) {
        if (p->value & 1) {
            odd++;
            sum += p->value;
        } else {
            x ^= p->id;
        }
        p = p->next;
    }
    /* walking the whole ring once must come back to the start */
    long len = 1;
    for (const node *q = nodes[0].next; q != &nodes[0]; q = q->next)
        len++;
    printf("steps=%ld end=%u odd=%llu sum=%llu xor=%u ring=%ld%s\n", steps,
           p->id, (unsigned long long)odd, (unsigned long long)sum, x, len,
           len == n ? "" : " BROKEN");
    free(nodes);
    free(perm);
    return 0;
}
