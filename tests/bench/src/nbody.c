/*
 * nbody: gravitational n-body simulation (symplectic Euler, all pairs)
 * of pseudo-random bodies around a heavy central one; prints the total
 * energy before and after and the final position of one body.
 */
#include <math.h>
#include "bench.h"

#define NB 24

typedef struct {
    double x, y, z, vx, vy, vz, m;
} body;

static double energy(const body *b)
{
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m *
             (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y,
                   dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static void advance(body *b, double dt)
{
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y,
                   dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;  /* softened */
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].m * mag, mj = b[j].m * mag;
            b[i].vx -= dx * mj; b[i].vy -= dy * mj; b[i].vz -= dz * mj;
            b[j].vx += dx * mi; b[j].vy += dy * mi; b[j].vz += dz * mi;
        }
    }
    for (int i = 0; i < NB; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

int main(int argc, char **argv)
{
    long steps = bench_arg(argc, argv, 1, 200000);
    body b[NB];
    bench_rng rng = { 2024 };
    b[0] = (body){ 0, 0, 0, 0, 0, 0, 1000.0 };
    for (int i = 1; i < NB; i++) {
        /* roughly circular orbits at radius 5..25 in a thick disc */
        double r = 5.0 + 20.0 * bench_unit(&rng);
        double a = 6.283185307179586 * bench_unit(&rng);
        double c = 1.0 - a * a / 2 + a * a * a * a / 24;   /* no libm cos */
        double s = a - a * a * a / 6 + a * a * a * a * a / 120;
        double n = sqrt(c * c + s * s);
        c /= n;
        s /= n;
        double v = sqrt(1000.0 / r);
        b[i] = (body){ r * c, r * s, bench_unit(&rng) - 0.5,
                       -v * s, v * c, 0.01 * (bench_unit(&rng) - 0.5),
                       0.001 + 0.01 * bench_unit(&rng) };
    }
    bench_print_double("energy before", energy(b));
    for (long s = 0; s < steps; s++)
        advance(b, 0.0001);
    bench_print_double("energy after", energy(b));
    bench_print_double("body1 x", b[1].x);
    bench_print_double("body1 y", b[1].y);
    printf("steps=%ld bodies=%d\n", steps, NB);
    return 0;
}
