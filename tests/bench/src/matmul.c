/*
 * matmul: dense double-precision matrix multiply C = A * B (i-k-j loop
 * order), repeated with C fed back as the next A (scaled), then a
 * checksum of C.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 400);
    const int reps = 3;
    double *a = malloc(sizeof(double) * (size_t)(n * n));
    double *b = malloc(sizeof(double) * (size_t)(n * n));
    double *c = malloc(sizeof(double) * (size_t)(n * n));
    if (!a || !b || !c)
        return 1;
    bench_rng rng = { 5 };
    for (long i = 0; i < n * n; i++) {
        a[i] = bench_unit(&rng) - 0.5;
        b[i] = bench_unit(&rng) - 0.5;
    }
    for (int r = 0; r < reps; r++) {
        for (long i = 0; i < n * n; i++)
            c[i] = 0.0;
        for (long i = 0; i < n; i++)
            for (long k = 0; k < n; k++) {
                double aik = a[i * n + k];
                double *ci = c + i * n;
                const double *bk = b + k * n;
                for (long j = 0; j < n; j++)
                    ci[j] += aik * bk[j];
            }
        /* next round multiplies the (rescaled) result again */
        double scale = 1.0 / (double)n;
        for (long i = 0; i < n * n; i++)
            a[i] = c[i] * scale;
    }
    double sum = 0.0, diag = 0.0;
    for (long i = 0; i < n * n; i++)
        sum += c[i];
    for (long i = 0; i < n; i++)
        diag += c[i * n + i];
    printf("n=%ld reps=%d\n", n, reps);
    bench_print_double("sum", sum);
    bench_print_double("trace", diag);
    bench_print_double("c[n-1][0]", c[(n - 1) * n]);
    free(a);
    free(b);
    free(c);
    return 0;
}
