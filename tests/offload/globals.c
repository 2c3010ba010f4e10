/*
 * Offload test: globals written on both sides.
 *
 * Guest code and offloaded code each read and modify an extern global, a
 * file-scope static, a function-scope static, a global array of structs
 * and a global pointer; each side must see the other's writes at once.
 */
//! offloaded: bump_counters sum_table scale_table native_step set_cursor read_cursor
//! called: bump_counters sum_table scale_table native_step set_cursor read_cursor
//! not-offloaded: main:asm guest_step:asm
#include <stdio.h>
#include "offload-test.h"

struct item {
    int id;
    long weight;
    double value;
};

long global_counter = 100;
static int file_counter = -7;
static struct item table[16];
const int primes[8] = { 2, 3, 5, 7, 11, 13, 17, 19 };
int *cursor;
static double history[32];
static int nhistory;

/* Returns a value made from every global, after updating them. */
OFFLOAD_FN long bump_counters(int by)
{
    static int calls;           /* function-scope static */
    calls++;
    global_counter += by;
    file_counter -= by * 2;
    return global_counter * 1000 + file_counter * 10 + calls;
}

OFFLOAD_FN long sum_table(void)
{
    long s = 0;
    for (int i = 0; i < 16; i++)
        s += table[i].id * table[i].weight + (long)table[i].value;
    return s;
}

OFFLOAD_FN void scale_table(int k)
{
    for (int i = 0; i < 16; i++) {
        table[i].weight *= primes[i % 8];
        table[i].value *= k;
        table[i].id += k;
    }
}

/* Appends to a static array both sides write. */
OFFLOAD_FN void native_step(double v)
{
    history[nhistory++ % 32] = v * 2;
    global_counter++;
}

static void guest_step(double v)
{
    GUEST_ONLY();
    history[nhistory++ % 32] = v + 0.5;
    file_counter++;
}

OFFLOAD_FN void set_cursor(int *p)
{
    cursor = p;
}

OFFLOAD_FN int read_cursor(int off)
{
    return cursor[off];
}

int main(void)
{
    static int arr[10] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };

    GUEST_ONLY();
    for (int i = 0; i < 16; i++) {
        table[i].id = i;
        table[i].weight = 10 + i;
        table[i].value = i * 0.5;
    }
    printf("bump: %ld\n", bump_counters(5));
    global_counter *= 2;        /* guest writes, native reads */
    file_counter += 1000;
    printf("bump: %ld\n", bump_counters(1));
    printf("after: global_counter=%ld file_counter=%d\n", global_counter, file_counter);
    printf("sum_table: %ld\n", sum_table());
    scale_table(3);
    table[5].weight = -1;       /* guest writes after native wrote */
    printf("sum_table scaled: %ld id15=%d w15=%ld v15=%.2f\n", sum_table(),
           table[15].id, table[15].weight, table[15].value);
    for (int i = 0; i < 20; i++) {
        if (i % 3)
            native_step(i);
        else
            guest_step(i);
    }
    double h = 0;
    for (int i = 0; i < 32; i++)
        h += history[i] * (i + 1);
    printf("history: n=%d h=%.2f global_counter=%ld file_counter=%d\n",
           nhistory, h, global_counter, file_counter);
    set_cursor(arr + 2);
    printf("cursor: %d %d same=%d\n", read_cursor(0), read_cursor(5), cursor == arr + 2);
    cursor = arr;               /* guest writes the pointer, native reads it */
    printf("cursor: %d\n", read_cursor(1));
    printf("globals: done\n");
    return 0;
}
