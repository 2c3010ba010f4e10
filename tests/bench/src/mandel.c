/*
 * mandel: the Mandelbrot set on a W x W grid over [-2, 0.6] x [-1.3, 1.3],
 * up to 512 iterations per point; prints the total iteration count, the
 * number of points inside, and a hash of the iteration map.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long w = bench_arg(argc, argv, 1, 600);
    const int maxit = 512;
    uint64_t total = 0, inside = 0, h = 0xcbf29ce484222325ULL;
    for (long py = 0; py < w; py++) {
        double ci = -1.3 + 2.6 * (double)py / (double)w;
        for (long px = 0; px < w; px++) {
            double cr = -2.0 + 2.6 * (double)px / (double)w;
            double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
            int it = 0;
            while (it < maxit && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            total += (uint64_t)it;
            inside += it == maxit;
            h = bench_mix(h, (uint64_t)it);
        }
    }
    printf("w=%ld maxit=%d iterations=%llu inside=%llu hash=%016llx\n", w,
           maxit, (unsigned long long)total, (unsigned long long)inside,
           (unsigned long long)h);
    return 0;
}
