/*
 * Hybrid translator, stage 6: the patcher.
 *
 * Owns installed traces: entering them, installing finished ones into
 * their head slot, unlinking them when guest code changes, freeing them at
 * tb_flush, and restoring guest state when a fault or exception is taken
 * inside one.  See docs/hybrid-tier.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_INSTALL_H
#define HYBRID_ACCEL_TCG_INSTALL_H

#include "qemu/rcu.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-reject.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"

struct HybridTrace {
    struct rcu_head rcu;          /* first, for call_rcu() */
    HybridTraceFn fn;
    HybridSlot *head;
    TranslationBlock **tbs;       /* members, for invalidation */
    HybridSlot **members;         /* their slots, covered while linked */
    uint32_t nb_tbs;
    uint32_t nb_ops;              /* TCG ops of its blocks */
    HybridInsn *insns;            /* restore table, indexed by restore id */
    uint32_t nb_insns;
    HybridCode code;
    uint64_t generation;          /* hybrid_generation when installed */
    HybridTrace *next_reclaim;    /* on the reclaim stack (install.c) */
    bool dead;                    /* unlinked; freed after a grace period */
    bool faults_fatal;            /* built while faults were not observed */
    bool acyclic;                 /* runs once through per entry */
    bool parallel;                /* its head counts per vCPU: threads */
    /* Written while it runs (trace_tally()): off the lines read above. */
    char apart[64];
    uint64_t entries;             /* approximate: racy increments */
    uint64_t steps;               /* block-to-block moves, all entries */
};

/*
 * A trace must stay inside for at least this many block-to-block moves
 * per entry on average, and twice the blocks of its region (see
 * trace_min_steps()), or entering it costs more than it saves: checked
 * every HYBRID_PROFIT_PERIOD entries, then it is unlinked and its head
 * blacklisted, or for a recursion, penalized (trace_unprofitable()).
 */
#define HYBRID_MIN_STEPS 16
#define HYBRID_PROFIT_PERIOD 256

/*
 * HYBRID_MIN_STEPS is for blocks of about 6 guest instructions, 32 TCG
 * ops: entering and leaving cost about that much work.  A trace of
 * bigger blocks needs fewer moves for it: lame's 975-op block of float
 * code ran 13 turns an entry and was unlinked as unprofitable, with 6.5%
 * of the samples.  So a trace also stays if its moves per entry make
 * HYBRID_MIN_ENTRY_OPS of its mean block (trace_min_steps()).
 */
#define HYBRID_MIN_ENTRY_OPS (HYBRID_MIN_STEPS * 32)

/* With -d hybrid: one line per trace (head, blocks, entries). */
void hybrid_log_traces(void);

void hybrid_install_init(void);

/* Run @trace from its head's entry stub; returns the helper's answer. */
uint32_t hybrid_run_trace(CPUArchState *env, HybridTrace *trace);

/*
 * Optimizer thread: the trace of @job compiled to @code (taken over), or
 * failed for @why.  Either way @job is consumed.
 */
void hybrid_install(HybridJob *job, HybridCode *code);

/* Optimizer thread, before compiling: drop @job if it is already stale. */
bool hybrid_job_drop_if_stale(HybridJob *job);
void hybrid_install_failed(HybridJob *job, HybridReject why);

/*
 * Optimizer thread: free the traces (records and code) that no vCPU can
 * run any more, dead ones past their RCU grace period and all of them
 * after a tb_flush.
 */
typedef void (*HybridFreeCode)(HybridCode *code);
void hybrid_free_dead(HybridFreeCode free_code);

/* Hook (cpu_restore_state): @host_pc is not in TCG's buffer. */
bool hybrid_restore_state(CPUState *cpu, uintptr_t host_pc);

/* Is @host_pc (a faulting PC) inside the code of a trace? */
bool hybrid_pc_in_trace(uintptr_t host_pc);

/*
 * The sampler: if @host_pc is inside a trace's code, its head's guest pc
 * into *guest_pc.
 */
bool hybrid_trace_head_at(uintptr_t host_pc, uint64_t *guest_pc);

/* Hook (do_tb_phys_invalidate): @tb is being invalidated. */
void hybrid_tb_invalidated(TranslationBlock *tb);

/* Hook (do_tb_flush, all vCPUs stopped): every TB is going away. */
void hybrid_tb_flush(void);

/*
 * Can the guest see the registers of a fault?  Not while it has no
 * handler for SIGSEGV or SIGBUS and no debugger is attached: a guest
 * fault then ends the process.  Until then, traces keep guest registers
 * in host registers across guest memory accesses (a fault there still
 * reports the exact PC); from then on, they store them to env before
 * each access, as TCG would have them.
 */
bool hybrid_faults_observed(void);

/* Is @tb a block of a live trace? */
bool hybrid_tb_in_live_trace(TranslationBlock *tb);

/*
 * The blocks of a live trace that holds @tb other than as its head, @tb
 * first and the others in their order, into @out; their count, or 0 if
 * no such trace has at most @max blocks.  *acyclic gets that trace's.
 */
int hybrid_covering_region(TranslationBlock *tb, TranslationBlock **out,
                           int max, bool *acyclic);

/*
 * From now on, faults are observed: retire every trace built without
 * that care, and refuse to install any still being built.  With all
 * vCPUs stopped (start_exclusive), so that none is running one.
 */
void hybrid_observe_faults(void);

#endif /* HYBRID_ACCEL_TCG_INSTALL_H */
