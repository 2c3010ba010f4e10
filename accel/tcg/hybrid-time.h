/*
 * Hybrid translator: the emulation threads' time, for the share of it
 * spent in traces (-hybrid-stats).
 *
 * Time in traces is wall time (reading a thread's CPU clock costs a
 * system call, about 2 us here, at every trace entry), summed over the
 * vCPU threads.  It used to be divided by the process's CPU time less
 * the optimizers': with more runnable threads than cores, a thread
 * preempted inside a trace kept counting, and a program of 8 spinning
 * threads showed 743%.  The share is now taken of the same kind of
 * time: each emulation thread's wall time from the first time it is
 * seen (hybrid_init() for the first thread, its first trace entry or
 * system call for the others) to its exit or the report, less its time
 * in system calls (where traces never run).  Every entry's time lies
 * inside its thread's counted time, so the share cannot pass 100%.
 *
 * Only with -hybrid-stats on an active tier; all under one lock.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_TIME_H
#define HYBRID_ACCEL_TCG_TIME_H

/* The calling thread emulates: count its time from now if not yet. */
void hybrid_time_thread_seen(void);

/* Around each system call; @thread_exit: it ends the calling thread. */
void hybrid_time_syscall_begin(bool thread_exit);
void hybrid_time_syscall_end(void);

/* In a forked child: the other threads ended at the fork. */
void hybrid_time_fork_child(void);

/* The emulation threads' counted time so far, in ns. */
int64_t hybrid_time_emulation_ns(void);

#endif /* HYBRID_ACCEL_TCG_TIME_H */
