/*
 * Offload run-time fixture: a hand-made offload object for guest.c.
 *
 * What qemu-offload-cc will generate, written by hand to test the run
 * time alone: native versions of guest.c's OFFLOADED functions, their
 * AAPCS64 bridges, and the manifest.  The guest addresses, sizes, hashes
 * and build id come from guest-manifest.h (gen-manifest.py).
 *
 *   gcc -shared -fPIC -O2 -I offload/include -I DIR fixture.c -o fixture.so
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "offload-abi.h"
#include "guest-manifest.h"     /* GUEST_FUNC_*, GUEST_IMPORT_*, ... */

extern OffloadManifest qemu_offload_manifest;

enum {
    IMP_G_FLAG, IMP_G_COUNTER, IMP_SUM10, IMP_WRITE_BUF, IMP_MAKE_THREAD,
    NIMPORTS
};

static const OffloadImport imports[NIMPORTS] = {
    [IMP_G_FLAG] = { "g_flag", GUEST_IMPORT_g_flag },
    [IMP_G_COUNTER] = { "g_counter", GUEST_IMPORT_g_counter },
    [IMP_SUM10] = { "sum10", GUEST_IMPORT_sum10 },
    [IMP_WRITE_BUF] = { "write_buf", GUEST_IMPORT_write_buf },
    [IMP_MAKE_THREAD] = { "make_thread", GUEST_IMPORT_make_thread },
};
static uint64_t import_addr[NIMPORTS];

#define IMPORT(i) (qemu_offload_manifest.import_addr[i])

/* Call a guest function with up to 8 integer arguments. */
static uint64_t guest_call(uint64_t fn, int n, const uint64_t *args,
                           int nstack, const uint64_t *stack)
{
    OffloadRegs r;

    memset(&r, 0, sizeof(r));
    for (int i = 0; i < n; i++) {
        r.x[i] = args[i];
    }
    r.nstack = nstack;
    for (int i = 0; i < nstack; i++) {
        r.stack[i] = stack[i];
    }
    qemu_offload_manifest.runtime->call_guest(fn, &r);
    return r.x[0];
}

static long write_buf(const char *buf, long len)
{
    uint64_t a[2] = { (uintptr_t)buf, len };

    return guest_call(IMPORT(IMP_WRITE_BUF), 2, a, 0, NULL);
}

/* --- native versions --- */

static long add3(long a, long b, long c)
{
    return a + b + c;
}

static double scale(double x, double k)
{
    return x * k;
}

static long count_less(const int *a, long n, uint64_t cmp, int pivot)
{
    long k = 0;

    for (long i = 0; i < n; i++) {
        uint64_t args[2] = { (uint32_t)a[i], (uint32_t)pivot };

        k += (int)guest_call(cmp, 2, args, 0, NULL) < 0;
    }
    return k;
}

static long call_sum10(long base)
{
    uint64_t args[8], stack[2];

    for (int i = 0; i < 8; i++) {
        args[i] = base + i;
    }
    stack[0] = base + 8;
    stack[1] = base + 9;
    return guest_call(IMPORT(IMP_SUM10), 8, args, 2, stack);
}

static long say(long n)
{
    char buf[64];
    int len = snprintf(buf, sizeof(buf), "say: %ld squared is %ld\n",
                       n, n * n);

    return write_buf(buf, len);
}

static long greet(void)
{
    static const char msg[] = "greet: hello from a constant\n";

    return write_buf(msg, sizeof(msg) - 1);
}

static long deref(long *p)
{
    return *(volatile long *)p;
}

static long spin_until_flag(long add)
{
    volatile int *flag = (volatile int *)IMPORT(IMP_G_FLAG);
    long *counter = (long *)IMPORT(IMP_G_COUNTER);
    long spins = 0;

    while (!*flag) {
        spins++;
    }
    *counter += add;
    return spins > 0;
}

static long via_thread(long x)
{
    return x + guest_call(IMPORT(IMP_MAKE_THREAD), 0, NULL, 0, NULL);
}

static long burn(long n)
{
    volatile long x = 0;

    for (long i = 0; i < n; i++) {
        x += i & 3;
    }
    return x;
}

/* --- bridges: AAPCS64 registers in, results out --- */

static double get_d(const OffloadRegs *r, int i)
{
    double d;

    memcpy(&d, &r->v[i][0], sizeof(d));
    return d;
}

static void set_d(OffloadRegs *r, int i, double d)
{
    memcpy(&r->v[i][0], &d, sizeof(d));
    r->v[i][1] = 0;             /* a d<i> write clears the rest of q<i> */
}

static void b_add3(OffloadRegs *r)
{
    r->x[0] = add3(r->x[0], r->x[1], r->x[2]);
}

static void b_scale(OffloadRegs *r)
{
    set_d(r, 0, scale(get_d(r, 0), get_d(r, 1)));
}

static void b_count_less(OffloadRegs *r)
{
    r->x[0] = count_less((const int *)r->x[0], r->x[1], r->x[2],
                         (int)r->x[3]);
}

static void b_call_sum10(OffloadRegs *r)
{
    r->x[0] = call_sum10(r->x[0]);
}

static void b_say(OffloadRegs *r)
{
    r->x[0] = say(r->x[0]);
}

static void b_greet(OffloadRegs *r)
{
    r->x[0] = greet();
}

static void b_deref(OffloadRegs *r)
{
    r->x[0] = deref((long *)r->x[0]);
}

static void b_spin_until_flag(OffloadRegs *r)
{
    r->x[0] = spin_until_flag(r->x[0]);
}

static void b_via_thread(OffloadRegs *r)
{
    r->x[0] = via_thread(r->x[0]);
}

static void b_burn(OffloadRegs *r)
{
    r->x[0] = burn(r->x[0]);
}

#define FUNC(name) \
    { #name, GUEST_FUNC_##name, b_##name, (void *)name }

static OffloadFunc funcs[] = {
    FUNC(add3),
    FUNC(scale),
    FUNC(count_less),
    FUNC(call_sum10),
    FUNC(say),
    FUNC(greet),
    FUNC(deref),
    FUNC(spin_until_flag),
    FUNC(burn),
    FUNC(via_thread),
};

OffloadManifest qemu_offload_manifest = {
    .magic = OFFLOAD_ABI_MAGIC,
    .version = OFFLOAD_ABI_VERSION,
    .build_id_len = GUEST_BUILD_ID_LEN,
    .build_id = { GUEST_BUILD_ID },
    .guest_is_dyn = GUEST_IS_DYN,
    .nfuncs = sizeof(funcs) / sizeof(funcs[0]),
    .funcs = funcs,
    .nimports = NIMPORTS,
    .imports = imports,
    .import_addr = import_addr,
};
