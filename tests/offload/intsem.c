/*
 * Offload test: integer results where x86 and aarch64 hardware differ.
 *
 * C leaves these undefined, but programs do them and the guest's code
 * gives aarch64's answers: a float-to-integer conversion out of range
 * saturates (NaN gives 0) and narrower types are converted at 32 bits
 * and truncated; division by zero gives 0 (remainder: the dividend), and
 * INT_MIN / -1 gives INT_MIN.  x86 gives other values or traps, so
 * native code must compute what the guest computes.
 */
//! offloaded: to_i32 to_u32 to_i64 to_u64 to_i8 to_u16 div_s div_u rem_s rem_u div_s32
//! called: to_i32 to_u32 to_i64 to_u64 to_i8 to_u16 div_s div_u rem_s rem_u div_s32
//! not-offloaded: main:asm
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include "offload-test.h"

OFFLOAD_FN int32_t to_i32(double d) { return (int32_t)d; }
OFFLOAD_FN uint32_t to_u32(double d) { return (uint32_t)d; }
OFFLOAD_FN int64_t to_i64(float f) { return (int64_t)f; }
OFFLOAD_FN uint64_t to_u64(double d) { return (uint64_t)d; }
OFFLOAD_FN int8_t to_i8(double d) { return (int8_t)d; }
OFFLOAD_FN uint16_t to_u16(float f) { return (uint16_t)f; }
OFFLOAD_FN int64_t div_s(int64_t a, int64_t b) { return a / b; }
OFFLOAD_FN uint64_t div_u(uint64_t a, uint64_t b) { return a / b; }
OFFLOAD_FN int64_t rem_s(int64_t a, int64_t b) { return a % b; }
OFFLOAD_FN uint32_t rem_u(uint32_t a, uint32_t b) { return a % b; }
OFFLOAD_FN int32_t div_s32(int32_t a, int32_t b) { return a / b; }

int main(void)
{
    GUEST_ONLY();
    static const double dv[] = {
        0.0, -0.9, 1.5, -1.5, 127.9, 128.5, -129.0, 300.7, 65535.9, 65536.5,
        -70000.0, 2147483647.0, 2147483648.0, -2147483649.0, 4294967296.0,
        1e19, 2e19, -1e19, 1e300, -1e300, INFINITY, -INFINITY, NAN, -NAN,
    };
    static const int64_t sv[] = { 0, 1, -1, 7, -7, 3, INT64_MIN, INT64_MAX };
    uint64_t h = MIX_INIT;
    unsigned i, j;

    for (i = 0; i < sizeof(dv) / sizeof(dv[0]); i++) {
        double d = dv[i];

        printf("%g: %d %u %lld %llu %d %u\n", d, to_i32(d), to_u32(d),
               (long long)to_i64((float)d), (unsigned long long)to_u64(d),
               to_i8(d), to_u16((float)d));
    }
    for (i = 0; i < 8; i++) {
        for (j = 0; j < 8; j++) {
            MIX(h, div_s(sv[i], sv[j]));
            MIX(h, div_u(sv[i], sv[j]));
            MIX(h, rem_s(sv[i], sv[j]));
            MIX(h, rem_u(sv[i], sv[j]));
            MIX(h, div_s32((int32_t)sv[i] | (sv[i] == INT64_MIN ? INT_MIN : 0),
                           (int32_t)sv[j]));
        }
    }
    printf("INT_MIN / -1 = %d, x / 0 = %lld, x %% 0 = %lld\n",
           div_s32(INT_MIN, -1), (long long)div_s(42, 0),
           (long long)rem_s(42, 0));
    printf("division checksum %016llx\n", (unsigned long long)h);
    printf("intsem: done\n");
    return 0;
}
