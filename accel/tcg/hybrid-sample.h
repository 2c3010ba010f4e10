/*
 * Hybrid translator: the sampler, where the host CPU's time goes.
 *
 * Owns one perf_event per thread of the process (emulation threads and
 * the optimizer's), each sampling its thread's instruction pointer into
 * a ring buffer that the sampler thread drains; the event is named
 * through libpfm4 (-hybrid-sample EVENT).  A sample lands in one bin:
 *   tcg        TCG code, credited to the guest pc of its block
 *   trace      LLVM trace code, credited to the trace's head pc
 *   helpers    the emulator's own code (helpers, cpu_exec, softfloat)
 *   optimizer  any sample of an optimizer thread (LLVM itself)
 *   other      shared libraries, the vDSO
 * Kernel time is never sampled (exclude_kernel).
 *
 * Invariants:
 *  - the guest never sees the sampler: the event's file descriptor is
 *    closed right after its ring is mapped (the mapping keeps the event
 *    alive), no signal is asked for, the rings are not inherited by
 *    fork() (MADV_DONTFORK, inherit = 0) and not listed in the guest's
 *    /proc/self/maps (QEMU shows guest mappings only);
 *  - when perf_event_open is refused (perf_event_paranoid, a seccomp
 *    filter), or with -hybrid-sample clock, each thread's CPU-time clock
 *    is read instead, and a thread that ran a millisecond is asked where
 *    it is through QEMU's queued CPU work: no signal, no timer of the
 *    guest's, no system call changed (hybrid-sample.c); with -hybrid-sample
 *    off there are no samples and the hot counters decide alone;
 *  - a thread's ring is unmapped only by that thread (at its exit system
 *    call) or by fork in the child, under the lock the drainer holds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_SAMPLE_H
#define HYBRID_ACCEL_TCG_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Option handler: -hybrid-sample / QEMU_HYBRID_SAMPLE (auto, off, clock,
 * EVENT).
 */
void hybrid_sample_option(const char *arg);

/*
 * hybrid_init(): a named event is looked up now; unknown, it is fatal.
 * Time in the helpers a trace computes inline (hybrid_fp_helper()) counts
 * as rent (credit_caller()).
 */
void hybrid_sample_setup(void);

/*
 * When the optimizer starts (after the warm-up): choose the event and
 * sample the calling thread.  Once.
 */
void hybrid_sample_init(void);

/*
 * The calling thread starts being sampled, if it is not yet (cheap: a
 * thread-local test).  @optimizer: it is an optimizer thread.
 */
void hybrid_sample_thread(bool optimizer);

/* The calling thread is about to exit. */
void hybrid_sample_thread_exit(void);

/*
 * fork(): no drain runs across it; in the child, forget the parent's
 * rings and drainer and sample the child's thread.
 */
void hybrid_sample_fork_start(void);
void hybrid_sample_fork_end(bool child);

/*
 * Samples in the TCG code of the block at guest pc @pc in the last few
 * drains: a decaying sum (samples in a trace headed there are not in
 * it).  0 when there is no sampler.
 */
uint32_t hybrid_sample_heat(uint64_t pc);

/*
 * Has the TCG code of the block at @pc taken HYBRID_SAMPLE_EDGE_MIN
 * samples or more?  With the samples deciding, hybrid-hot.c counts trips
 * only on edges of such a block: about 4 ms of CPU, which a hot loop's
 * blocks pass within tens of milliseconds and most of the thousands of
 * blocks of a flat profile never reach (GCC's cc1: 4,400 samples).
 * Asked at every unchained edge a vCPU takes, so it is a bit in a small
 * table hashed by pc, not a lookup in the profile (which took 0.7 ms of
 * a 60 ms djpeg run): a pc that shares a bit with a sampled one may be
 * said to be sampled too (its edges are counted, as all were once),
 * never the other way.
 */
bool hybrid_sample_seen(uint64_t pc);
#define HYBRID_SAMPLE_EDGE_MIN 4

/*
 * Samples in the TCG code of the block at @pc since it was last spent
 * (hybrid_sample_spend(), when a trace over it goes to be compiled): the
 * rent its block paid toward a compile.  A sample stands for about
 * HYBRID_SAMPLE_US of a thread's CPU time (the software clock's period;
 * the hardware event's frequency).
 */
uint32_t hybrid_sample_rent(uint64_t pc);
/*
 * The same for the traces headed at @pc: their samples since a region
 * over @pc was last compiled, the rent a region that merges them pays
 * (hybrid-queue.c).  hybrid_sample_spend() spends both.
 */
uint32_t hybrid_sample_traced_rent(uint64_t pc);
void hybrid_sample_spend(uint64_t pc);
#define HYBRID_SAMPLE_US 1000

/*
 * A trace headed at @head_pc has just returned, with an exit request
 * (@exit_requested): with the clock source, the question that asked
 * for it is answered as time in that trace.  Cheap otherwise.
 */
void hybrid_sample_left_trace(uint64_t head_pc, bool exit_requested);

/* Is the sampler taking samples in this process? */
bool hybrid_sample_running(void);

/*
 * Has the emulation spent enough time in TCG code, by the samples, that
 * traces could pay for loading LLVM?  At HYBRID_QUEUE_SAVES_PCT of their
 * time saved, that takes 100 / HYBRID_QUEUE_SAVES_PCT times
 * HYBRID_QUEUE_LLVM_LOAD_MS of sampled TCG time (60 ms): no region can
 * reach the queue's price before then (hybrid-queue.c, hottest()), so
 * the optimizer threads are not made and nothing is recorded until it
 * holds (llvm-backend/optimizer.c).  Once true, true for the process
 * (a fork's child starts over).  The drainer wakes the optimizer
 * (hybrid_optimizer_wake()) when it turns true.
 */
bool hybrid_sample_affords_llvm(void);

/*
 * Do the samples decide what is recorded and compiled?  While the
 * sampler runs, unless -hybrid-budget 0 asks for everything.
 */
bool hybrid_sample_decides(void);

/*
 * The share of the emulation threads' samples that landed in traces, in
 * thousandths; -1 without a sampler or before 50 samples.
 */
int hybrid_sample_trace_permille(void);

/*
 * An optimizer thread reports the context switches it made since its
 * last report: ours, not the guest's (see watch_switches()).
 */
void hybrid_sample_own_switches(void);

/* -hybrid-stats: the bins and the top regions. */
void hybrid_sample_report(FILE *f);

#endif /* HYBRID_ACCEL_TCG_SAMPLE_H */
