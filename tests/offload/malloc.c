/*
 * Offload test: the guest heap from offloaded code.
 *
 * Offloaded code allocates (malloc, calloc, realloc, strdup) what the
 * guest frees and frees what the guest allocated; a linked list built
 * natively is walked by the guest and the other way round.
 */
//! offloaded: list_build list_sum list_free grow_buffer dup_upper free_guest_block sum_block
//! called: list_build list_sum list_free grow_buffer dup_upper free_guest_block sum_block
//! not-offloaded: main:asm
// The cost model would keep list_build and list_free emulated (allocator
// calls in a loop); this test is about correctness, so offload them all.
//! ccflags: --all-eligible
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "offload-test.h"

struct node {
    struct node *next;
    long value;
    char pad[24];
};

OFFLOAD_FN struct node *list_build(int n, long seed)
{
    struct node *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *p = malloc(sizeof(*p));
        if (!p)
            return NULL;
        p->value = seed * i % 1009;
        memset(p->pad, i & 0xff, sizeof(p->pad));
        p->next = head;
        head = p;
    }
    return head;
}

OFFLOAD_FN long list_sum(const struct node *p)
{
    long s = 0;
    for (; p; p = p->next)
        s = s * 31 % 1000000007 + p->value + p->pad[23];
    return s;
}

OFFLOAD_FN int list_free(struct node *p)
{
    int n = 0;
    while (p) {
        struct node *next = p->next;
        free(p);
        p = next;
        n++;
    }
    return n;
}

OFFLOAD_FN int *grow_buffer(int *buf, int old_n, int new_n)
{
    buf = realloc(buf, new_n * sizeof(*buf));
    for (int i = old_n; i < new_n; i++)
        buf[i] = i * i;
    return buf;
}

OFFLOAD_FN char *dup_upper(const char *s)
{
    char *d = strdup(s);
    for (char *p = d; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p -= 32;
    return d;
}

OFFLOAD_FN void free_guest_block(void *p)
{
    free(p);
}

OFFLOAD_FN long sum_block(int n)
{
    long *z = calloc(n, sizeof(long));
    long s = 0;
    for (int i = 0; i < n; i++)
        s += z[i] + i;
    free(z);
    return s;
}

int main(void)
{
    GUEST_ONLY();
    long total = 0;
    for (int round = 0; round < 20; round++) {
        struct node *l = list_build(200 + round, round + 3);
        long native_sum = list_sum(l);
        long guest_sum = 0;
        for (struct node *p = l; p; p = p->next)    /* guest walks native nodes */
            guest_sum = guest_sum * 31 % 1000000007 + p->value + p->pad[23];
        /* guest-built nodes freed natively */
        struct node *g = NULL;
        for (int i = 0; i < 50; i++) {
            struct node *p = malloc(sizeof(*p));
            memset(p, 0, sizeof(*p));
            p->value = i;
            p->next = g;
            g = p;
        }
        total += native_sum - guest_sum + list_sum(g);
        total += list_free(l) + list_free(g);
        if (round % 2) {                    /* natively allocated, guest frees */
            struct node *x = list_build(10, 1);
            while (x) {
                struct node *n = x->next;
                free(x);
                x = n;
            }
        }
    }
    printf("lists: %ld\n", total);
    int *buf = malloc(4 * sizeof(int));
    for (int i = 0; i < 4; i++)
        buf[i] = -i;
    buf = grow_buffer(buf, 4, 1000);
    buf = grow_buffer(buf, 1000, 100000);
    long s = 0;
    for (int i = 0; i < 100000; i += 997)
        s += buf[i];
    free(buf);
    printf("realloc: %ld\n", s);
    char *u = dup_upper("native strdup, guest free");
    printf("strdup: %s\n", u);
    free(u);
    free_guest_block(malloc(12345));
    printf("calloc: %ld\n", sum_block(5000));
    printf("malloc: done\n");
    return 0;
}
