/*
 * Offload test: errno on both sides.
 *
 * Offloaded code calls strtol (which sets errno), sets errno itself,
 * calls an emulated function that sets it, and reads a value the guest
 * set; the guest reads what native code left.
 */
//! offloaded: parse_long set_errno_native read_errno call_guest_setter clear_then_parse
//! called: parse_long set_errno_native read_errno call_guest_setter clear_then_parse
//! not-offloaded: main:asm guest_setter:asm
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "offload-test.h"

static const char *ename(int e)
{
    switch (e) {
    case 0: return "0";
    case ERANGE: return "ERANGE";
    case EDOM: return "EDOM";
    case EINVAL: return "EINVAL";
    case ENOENT: return "ENOENT";
    case EBADF: return "EBADF";
    default: return "other";
    }
}

OFFLOAD_FN long parse_long(const char *s, int base)
{
    char *end;
    long v = strtol(s, &end, base);
    return v ^ (long)(end - s);
}

OFFLOAD_FN void set_errno_native(int e)
{
    errno = e;
}

OFFLOAD_FN int read_errno(void)
{
    return errno;
}

void guest_setter(int e)
{
    GUEST_ONLY();
    errno = e;
}

OFFLOAD_FN int call_guest_setter(int e)
{
    guest_setter(e);
    return errno == e;      /* native code sees the guest's write */
}

OFFLOAD_FN long clear_then_parse(const char *s)
{
    errno = 0;
    long v = strtol(s, NULL, 10);
    return errno ? -1 : v;
}

int main(void)
{
    GUEST_ONLY();
    errno = 0;
    long v = parse_long("99999999999999999999999", 10);
    printf("overflow: %ld errno=%s\n", v, ename(errno));
    errno = 0;
    v = parse_long("  -123abc", 10);
    printf("plain: %ld errno=%s\n", v, ename(errno));
    set_errno_native(EDOM);
    printf("set by native: %s\n", ename(errno));
    errno = EBADF;
    printf("read by native: %s\n", ename(read_errno()));
    int seen = call_guest_setter(ENOENT);
    printf("guest setter seen natively: %d errno=%s\n", seen, ename(errno));
    errno = EINVAL;
    v = clear_then_parse("42");
    printf("clear_then_parse: %ld errno=%s\n", v, ename(errno));
    v = clear_then_parse("-99999999999999999999");
    printf("clear_then_parse: %ld errno=%s\n", v, ename(errno));
    FILE *f = fopen("/nonexistent/offload-test", "r");
    int e = read_errno();
    printf("guest fopen: %s native reads errno=%s\n", f ? "opened" : "NULL", ename(e));
    printf("errno: done\n");
    return 0;
}
