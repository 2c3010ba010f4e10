/*
 * Hybrid test: a hot loop whose time is mostly in QEMU's helpers.
 *
 * Converting between doubles and integers (scvtf, fcvtzs, frintx) is a
 * helper call in TCG blocks and in traces alike.  The suite's check on
 * this program's statistics (hybrid/sample-caller, check.sh) wants the
 * samples taken in those helpers credited to the guest code that called
 * them (accel/tcg/hybrid-sample.c, credit_caller()): without that, the
 * profile sees the loop's own few instructions and not the time it
 * costs.  The sums printed depend only on the arithmetic.
 */
#include "hyb.h"

typedef struct Work {
    long n;
    uint64_t sum;
} Work;

static void __attribute__((noinline)) convert(void *arg)
{
    Work *w = arg;
    uint64_t s = 0;

    for (long i = 0; i < w->n; i++) {
        double d = (double)(i * 7 + 3) * 0.37;
        long r;

        __asm__("frintx %d0, %d1" : "=w"(d) : "w"(d));
        r = (long)(d * 1.5);
        s += (uint64_t)r ^ (uint64_t)(long)(d / 3.0);
    }
    w->sum = s;
}

int main(void)
{
    Work w = { .n = 1000 };

    warm_loop(convert, &w, warm_s(100), 1);
    w.n = 2000000;
    convert(&w);
    CHECK(w.sum == UINT64_C(7863844277658), "sum %" PRIu64, w.sum);
    printf("sum %" PRIu64 "\n", w.sum);
    return finish("helpers");
}
