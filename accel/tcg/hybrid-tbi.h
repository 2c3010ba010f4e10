/*
 * Hybrid translator: plain guest loads and stores without QEMU's
 * top-byte-ignore (TBI) idiom, until a tagged address shows up.
 *
 * Owns: whether TCG code may use a data address as the guest register
 * holds it (hybrid_tbi_skip(), read by target/arm/a64-tbi.h when it
 * translates an LDR, STR, LDP, STP, LD1..LD4 or ST1..ST4), and the way
 * back to QEMU's code when that assumption fails (hybrid_tbi_fault(),
 * from the host SIGSEGV handler).
 *
 * aarch64 Linux ignores the top byte of a user data address, and QEMU
 * 7.2 strips it before every access: clean = sextract(x, 0, 56) & x, four
 * host instructions and three cycles of latency on the address of every
 * load and store (a quarter of the code bytes of xz's hottest block).
 * Why skipping it is exact:
 *   - bit 55 set: clean == x, always;
 *   - top byte zero (every pointer Debian's programs make): clean == x;
 *   - otherwise (a tag, bit 55 clear): x is not canonical on x86-64,
 *     so the host access raises #GP, a SIGSEGV with si_code SI_KERNEL,
 *     before it reads or writes anything.  Every other access of the
 *     same instruction is at x plus a small offset, just as wild, and
 *     QEMU emits the one at x first: nothing of the instruction is done.
 * On that fault (TCG code, not a helper, not a trace), the guest state
 * is restored to the instruction as for any fault, new translations
 * strip tags again, every TB goes (tb_flush) and the instruction runs
 * again, exactly.  The guest sees no signal.  A process that uses tags
 * pays that once.  Until the flush is done (hybrid_tbi_flushed()), any
 * such fault in TCG code is taken as ours: restarting an instruction
 * that faulted before doing anything is harmless, and the flush is
 * queued before the restart, so the next TB entry leaves for it.
 *
 * Helpers (atomics, exclusives, SVE, DC ZVA) always get clean addresses;
 * so do the blocks the recorder translates for LLVM traces (their own
 * faults keep QEMU's reports, and the trace code strips tags itself).
 * -hybrid off, and -hybrid-tbi off, keep QEMU's idiom everywhere.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TBI_H
#define HYBRID_TBI_H

/* hybrid_init(): start in raw mode if the options say so. */
void hybrid_tbi_init(bool debugger);

/* May the block being translated skip QEMU's tag removal? */
bool hybrid_tbi_skip(void);

/*
 * From the host SIGSEGV handler of @cpu's thread, for a fault at host
 * code address @host_pc with the thread's signal mask @mask to restore:
 * if it may be a tagged address in raw TCG code, restart the guest
 * instruction exactly and never return; otherwise return.
 */
void hybrid_tbi_fault(uintptr_t host_pc, const siginfo_t *info,
                      const sigset_t *mask, CPUState *cpu);

/* do_tb_flush() (every vCPU stopped): no raw code is left once exact. */
void hybrid_tbi_flushed(void);

#endif /* HYBRID_TBI_H */
