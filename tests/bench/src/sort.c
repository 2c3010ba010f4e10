/*
 * sort: quicksort (median of three, insertion sort for small ranges) and
 * a top-down merge sort of pseudo-random 32-bit keys; both results are
 * checked against each other and for order.
 */
#include "bench.h"

static void insertion_sort(uint32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap32(uint32_t *x, uint32_t *y)
{
    uint32_t t = *x;
    *x = *y;
    *y = t;
}

static void quick_sort(uint32_t *a, long n)
{
    while (n > 16) {
        long mid = n / 2;
        /* median of three into a[mid] */
        if (a[mid] < a[0])
            swap32(&a[mid], &a[0]);
        if (a[n - 1] < a[0])
            swap32(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid])
            swap32(&a[n - 1], &a[mid]);
        uint32_t pivot = a[mid];
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap32(&a[i], &a[j]);
            i++;
            j--;
        }
        /* recurse into the smaller part, loop on the larger */
        long left = j + 1;
        if (left < n - left) {
            quick_sort(a, left);
            a += left;
            n -= left;
        } else {
            quick_sort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, long n)
{
    if (n <= 16) {
        insertion_sort(a, n);
        return;
    }
    long h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    long i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 2000000);
    uint32_t *a = malloc((size_t)n * sizeof *a);
    uint32_t *b = malloc((size_t)n * sizeof *b);
    uint32_t *tmp = malloc((size_t)n * sizeof *tmp);
    if (!a || !b || !tmp)
        return 1;
    bench_rng rng = { 42 };
    uint64_t sum = 0;
    for (int round = 0; round < 3; round++) {
        for (long i = 0; i < n; i++) {
            /* round 2 has many duplicates */
            uint32_t v = (uint32_t)bench_next(&rng);
            a[i] = b[i] = round == 2 ? v % 1000 : v;
        }
        quick_sort(a, n);
        merge_sort(b, tmp, n);
        long bad = 0;
        uint64_t h = 0xcbf29ce484222325ULL;
        for (long i = 0; i < n; i++) {
            bad += a[i] != b[i] || (i && a[i - 1] > a[i]);
            h = bench_mix(h, a[i]);
        }
        sum += h;
        printf("round %d n=%ld min=%u median=%u max=%u hash=%016llx %s\n",
               round, n, a[0], a[n / 2], a[n - 1], (unsigned long long)h,
               bad ? "UNSORTED" : "sorted");
    }
    printf("total=%016llx\n", (unsigned long long)sum);
    free(a);
    free(b);
    free(tmp);
    return 0;
}
