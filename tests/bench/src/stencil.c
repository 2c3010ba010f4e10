/*
 * stencil: 2-D Jacobi relaxation (5-point stencil) on an N x N grid with
 * fixed hot and cold boundaries, T sweeps, ping-ponging two arrays.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long t = bench_arg(argc, argv, 1, 300);
    const long n = 512;
    double *u = malloc(sizeof(double) * (size_t)(n * n));
    double *v = malloc(sizeof(double) * (size_t)(n * n));
    if (!u || !v)
        return 1;
    bench_rng rng = { 11 };
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            /* interior: 20 +- 5 (no zeros: avoid subnormal slow paths) */
            double x = 15.0 + 10.0 * bench_unit(&rng);
            if (i == 0)
                x = 100.0;                      /* hot top edge */
            else if (j == 0)
                x = 50.0 * (double)i / (double)n;
            u[i * n + j] = v[i * n + j] = x;
        }
    for (long s = 0; s < t; s++) {
        for (long i = 1; i < n - 1; i++)
            for (long j = 1; j < n - 1; j++)
                v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] +
                                       u[i * n + j - 1] + u[i * n + j + 1]);
        double *tmp = u;
        u = v;
        v = tmp;
    }
    double sum = 0.0;
    for (long i = 0; i < n * n; i++)
        sum += u[i];
    printf("n=%ld sweeps=%ld\n", n, t);
    bench_print_double("sum", sum);
    bench_print_double("centre", u[(n / 2) * n + n / 2]);
    bench_print_double("near top", u[1 * n + n / 2]);
    free(u);
    free(v);
    return 0;
}
