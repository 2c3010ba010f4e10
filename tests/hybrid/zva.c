/*
 * Hybrid test: DC ZVA on a PROT_NONE page from a hot loop (see fault.c).
 *
 * Real hardware reports the DC ZVA's own pc; QEMU 7.2 reports a stale one
 * (its DC ZVA helper zeroes host memory directly, so the host fault has
 * no guest return address to unwind from).  zva.expected is what hardware
 * prints, zva.expected-qemu72 what QEMU 7.2 prints; every register is
 * checked either way.
 */
#define ONLY_ZVA 1
#include "fault.c"
