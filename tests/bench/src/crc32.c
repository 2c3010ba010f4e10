/*
 * crc32: CRC-32 (the reflected 0xEDB88320 polynomial of zlib/Ethernet),
 * table-driven, over a pseudo-random buffer, chained over rounds.  The table
 * is built at run time and the bit-by-bit form checks it on a slice.
 */
#include "bench.h"

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            if (crc & 1)
                crc = (crc >> 1) ^ 0xEDB88320u;
            else
                crc >>= 1;
        }
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    long rounds = bench_arg(argc, argv, 1, 600);
    enum { SIZE = 1 << 20 };
    uint8_t *buf = malloc(SIZE);
    if (!buf)
        return 1;
    make_table();

    uint32_t t = crc32_table(0, (const uint8_t *)"123456789", 9);
    printf("crc32(123456789)=%08x %s\n", t, t == 0xCBF43926u ? "ok" : "WRONG");

    bench_rng rng = { 3 };
    for (int i = 0; i < SIZE; i++)
        buf[i] = (uint8_t)bench_next(&rng);
    uint32_t crc = 0, bit = crc32_bitwise(0, buf, 65536);
    printf("bitwise slice=%08x table slice=%08x\n", bit,
           crc32_table(0, buf, 65536));
    for (long r = 0; r < rounds; r++) {
        crc = crc32_table(crc, buf, SIZE);
        buf[(r * 4099) % SIZE] ^= (uint8_t)crc;
    }
    printf("chained rounds=%ld size=%d crc=%08x\n", rounds, SIZE, crc);
    free(buf);
    return 0;
}
