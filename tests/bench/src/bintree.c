/*
 * bintree: allocation-heavy code.  Builds many complete binary trees of
 * increasing depth with malloc, walks them and frees them, while one
 * long-lived tree stays allocated throughout.
 */
#include "bench.h"

typedef struct tree {
    struct tree *left, *right;
    int64_t value;
} tree;

static tree *build(int depth, int64_t value)
{
    tree *t = malloc(sizeof *t);
    if (!t) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    t->value = value;
    if (depth > 0) {
        t->left = build(depth - 1, 2 * value - 1);
        t->right = build(depth - 1, 2 * value);
    } else {
        t->left = t->right = NULL;
    }
    return t;
}

/* node count and a value checksum */
static int64_t check(const tree *t, int64_t *sum)
{
    *sum += t->value;
    if (!t->left)
        return 1;
    return 1 + check(t->left, sum) + check(t->right, sum);
}

static void release(tree *t)
{
    if (t->left) {
        release(t->left);
        release(t->right);
    }
    free(t);
}

int main(int argc, char **argv)
{
    int max_depth = (int)bench_arg(argc, argv, 1, 16);
    const int min_depth = 4;
    int64_t sum = 0;
    tree *keep = build(max_depth, 1);
    for (int d = min_depth; d <= max_depth; d += 2) {
        long iterations = 1L << (max_depth - d + min_depth);
        int64_t nodes = 0, vsum = 0;
        for (long i = 0; i < iterations; i++) {
            tree *t = build(d, i);
            nodes += check(t, &vsum);
            release(t);
        }
        printf("depth %d: %ld trees, %lld nodes, value sum %lld\n", d,
               iterations, (long long)nodes, (long long)vsum);
    }
    printf("long-lived depth %d: %lld nodes, value sum ", max_depth,
           (long long)check(keep, &sum));
    printf("%lld\n", (long long)sum);
    release(keep);
    return 0;
}
