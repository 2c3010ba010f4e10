/*
 * Offload test: structures passed and returned by value.
 *
 * Small (8, 12 and 16 bytes: in x registers), large (24 and 40 bytes:
 * by reference, returned through x8), homogeneous floating-point
 * aggregates (two doubles, four floats, three floats: in v registers),
 * a mixed int/double struct of 16 bytes, an odd-sized char array struct,
 * and a nested struct; several of each in one call.
 */
//! offloaded: add_s8 make_s12 mix_s16 scale_big make_big40 hfa_d2 hfa_f4 hfa_f3 mixed_id odd3 nested many_small
//! called: add_s8 make_s12 mix_s16 scale_big make_big40 hfa_d2 hfa_f4 hfa_f3 mixed_id odd3 nested many_small
//! not-offloaded: main:asm
#include <stdio.h>
#include "offload-test.h"

struct s8 { int32_t a, b; };
struct s12 { int32_t a, b, c; };
struct s16 { int64_t a; int32_t b; int16_t c; uint8_t d; };
struct big { int64_t a, b, c; };
struct big40 { int32_t v[10]; };
struct d2 { double x, y; };
struct f4 { float a, b, c, d; };
struct f3 { float x, y, z; };
struct mixed { int32_t id; double w; };
struct odd3 { char c[3]; };
struct inner { int16_t lo, hi; };
struct nest { struct inner in; int32_t n; struct inner out; };

OFFLOAD_FN struct s8 add_s8(struct s8 p, struct s8 q)
{
    return (struct s8){ p.a + q.a, p.b - q.b };
}

OFFLOAD_FN struct s12 make_s12(int k)
{
    return (struct s12){ k, k * k, -k };
}

OFFLOAD_FN struct s16 mix_s16(struct s16 s, int k)
{
    s.a = s.a * k + s.d;
    s.b ^= k;
    s.c = (int16_t)(s.c + k);
    s.d = (uint8_t)(s.d * 3);
    return s;
}

/* > 16 bytes: passed by reference to a copy, returned through x8. */
OFFLOAD_FN struct big scale_big(struct big b, int64_t k)
{
    b.a *= k;
    b.b += k;
    b.c = b.a - b.b;
    return b;
}

OFFLOAD_FN struct big40 make_big40(struct big40 in, int k)
{
    struct big40 r;
    for (int i = 0; i < 10; i++)
        r.v[i] = in.v[9 - i] * k + i;
    return r;
}

OFFLOAD_FN struct d2 hfa_d2(struct d2 a, struct d2 b, double k)
{
    return (struct d2){ a.x * b.y + k, a.y - b.x / k };
}

OFFLOAD_FN struct f4 hfa_f4(struct f4 p, float k)
{
    return (struct f4){ p.d * k, p.c + k, p.b - k, p.a / k };
}

OFFLOAD_FN struct f3 hfa_f3(struct f3 p, struct f3 q)
{
    return (struct f3){ p.y * q.z - p.z * q.y, p.z * q.x - p.x * q.z,
                        p.x * q.y - p.y * q.x };
}

OFFLOAD_FN struct mixed mixed_id(struct mixed m, int add)
{
    m.id += add;
    m.w *= -2.5;
    return m;
}

OFFLOAD_FN struct odd3 odd3(struct odd3 o)
{
    return (struct odd3){ { o.c[2], o.c[1], (char)(o.c[0] + 1) } };
}

OFFLOAD_FN struct nest nested(struct nest n)
{
    struct nest r = { n.out, n.n * 2, n.in };
    r.in.lo += 1;
    return r;
}

/* More small structs than fit in registers: the last ones on the stack. */
OFFLOAD_FN int64_t many_small(struct s8 a, struct s8 b, struct s8 c, struct s8 d,
                              struct s16 e, struct s8 f, struct s16 g,
                              struct s8 h, struct s12 i)
{
    return a.a + 2 * b.b + 3 * c.a + 4 * d.b + 5 * e.a + 6 * e.c + 7 * f.a +
           8 * g.a + 9 * g.d + 10 * h.b + 11 * i.a + 12 * i.c;
}

int main(void)
{
    GUEST_ONLY();
    struct s8 a = add_s8((struct s8){ 3, 10 }, (struct s8){ -40, 4 });
    printf("s8: %d %d\n", a.a, a.b);
    struct s12 b = make_s12(-12345);
    printf("s12: %d %d %d\n", b.a, b.b, b.c);
    struct s16 c = mix_s16((struct s16){ 1LL << 40, -9, 300, 201 }, 7);
    printf("s16: %lld %d %d %u\n", (long long)c.a, c.b, c.c, c.d);
    struct big d = scale_big((struct big){ 123456789, -5, 0 }, 1000);
    printf("big: %lld %lld %lld\n", (long long)d.a, (long long)d.b, (long long)d.c);
    struct big40 in;
    for (int i = 0; i < 10; i++)
        in.v[i] = i * i - 20;
    struct big40 e = make_big40(in, -3);
    printf("big40:");
    for (int i = 0; i < 10; i++)
        printf(" %d", e.v[i]);
    printf("\n");
    struct d2 f = hfa_d2((struct d2){ 1.25, -3.5 }, (struct d2){ 0.1, 7.0 }, 3.0);
    printf("d2: %.17g %.17g\n", f.x, f.y);
    struct f4 g = hfa_f4((struct f4){ 1.5f, -2.25f, 1e10f, 3.0f }, 0.75f);
    printf("f4: %.9g %.9g %.9g %.9g\n", g.a, g.b, g.c, g.d);
    struct f3 h = hfa_f3((struct f3){ 1, 2, 3 }, (struct f3){ -4.5f, 0.5f, 6.25f });
    printf("f3: %.9g %.9g %.9g\n", h.x, h.y, h.z);
    struct mixed m = mixed_id((struct mixed){ 41, 1.0 / 3 }, 1);
    printf("mixed: %d %.17g\n", m.id, m.w);
    struct odd3 o = odd3((struct odd3){ { 'a', 'b', 'c' } });
    printf("odd3: %c%c%c\n", o.c[0], o.c[1], o.c[2]);
    struct nest n = nested((struct nest){ { 1, 2 }, 21, { -3, -4 } });
    printf("nest: %d %d %d %d %d\n", n.in.lo, n.in.hi, n.n, n.out.lo, n.out.hi);
    printf("many_small: %lld\n", (long long)many_small(
        (struct s8){ 1, 2 }, (struct s8){ 3, 4 }, (struct s8){ 5, 6 },
        (struct s8){ 7, 8 }, (struct s16){ 9, 10, 11, 12 }, (struct s8){ 13, 14 },
        (struct s16){ 15, 16, 17, 18 }, (struct s8){ 19, 20 },
        (struct s12){ 21, 22, 23 }));
    printf("structs: done\n");
    return 0;
}
