/*
 * straight: driver for the generated straight-line program (guest only).
 * STRAIGHT_INSNS is the instruction count the generator was asked for.
 */
#include <stdint.h>
#include <stdio.h>

void straight_run(uint64_t out[4]);

int main(void)
{
    uint64_t r[4];
    straight_run(r);
    printf("straight insns=%d x9=%016llx x10=%016llx x11=%016llx x12=%016llx\n",
           STRAIGHT_INSNS, (unsigned long long)r[0], (unsigned long long)r[1],
           (unsigned long long)r[2], (unsigned long long)r[3]);
    return 0;
}
