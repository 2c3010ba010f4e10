/*
 * Hybrid translator, stage 2: region formation over a CFG view.
 *
 * The recorder (hybrid-record.c) picks a hot head's region from the CFG
 * the program has shown: which blocks, on which cycles, through which
 * calls and returns.  hybrid-region.c owns that choice; it sees blocks
 * only through the view below, so that it runs as well on hand-made
 * graphs (tests/unit/) as on TranslationBlocks.  A node is an opaque
 * pointer; the view's callbacks give its facts and its edges.
 *
 * The view's contract (hybrid-record.c gives it for TBs):
 *  - only nodes that may be in a trace appear as edge targets;
 *  - edges are executed paths: a chained goto_tb exit, or a target an
 *    indirect branch's inline cache holds;
 *  - the view may be asked about a node more than once in a call; the
 *    answers need not be a snapshot (another vCPU may chain an exit
 *    meanwhile), which at worst changes the region chosen: the trace's
 *    own edges are read from the TBs again when its blocks are captured.
 *
 * Uses nothing from QEMU: C and glib only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_REGION_H
#define HYBRID_ACCEL_TCG_REGION_H

#include <stdbool.h>
#include <stdint.h>
#include "hybrid/accel/tcg/hybrid-trace-ir.h"   /* HYBRID_MAX_SUCC */

/* How a block ends: what its indirect targets are. */
typedef enum HybridCFGEnd {
    HYBRID_CFG_END_JUMP,    /* a jump, a branch, or none (a page end) */
    HYBRID_CFG_END_CALL,    /* BL, BLR, BLRAA...: returns to pc + size */
    HYBRID_CFG_END_RETURN,  /* RET, RETAA, RETAB, or unknown (unreadable):
                               its targets are call sites anywhere */
} HybridCFGEnd;

/* A node's facts. */
typedef struct HybridCFGNode {
    uint64_t pc;
    uint64_t size;          /* bytes of guest code */
    int insns;              /* guest instructions */
    HybridCFGEnd end;
} HybridCFGNode;

/*
 * An edge's kind follows from how its source ends and where it was
 * seen: a chained goto_tb exit is JUMP, or CALL out of a call block; an
 * inline-cache target is INDIRECT, or RETURN out of a return block.
 */
typedef enum HybridCFGEdgeKind {
    HYBRID_EDGE_JUMP,
    HYBRID_EDGE_CALL,
    HYBRID_EDGE_INDIRECT,
    HYBRID_EDGE_RETURN,
} HybridCFGEdgeKind;

typedef struct HybridCFGEdge {
    void *to;
    HybridCFGEdgeKind kind;
} HybridCFGEdge;

typedef struct HybridCFG HybridCFG;
struct HybridCFG {
    /* @node's facts into *@out. */
    void (*describe)(const HybridCFG *cfg, void *node, HybridCFGNode *out);
    /*
     * The edges out of @node into @out: its chained exits (at most two)
     * first, then the inline cache's targets (at most HYBRID_MAX_ISUCC,
     * each pc once).  Returns the count, at most HYBRID_MAX_SUCC.
     */
    int (*successors)(const HybridCFG *cfg, void *node, HybridCFGEdge *out);
    /*
     * The node @node's indirect branch would go to for @pc without a full
     * lookup (its cache's ways, or a second level beyond them), or NULL.
     */
    void *(*ic_target_for)(const HybridCFG *cfg, void *node, uint64_t pc);
    void *opaque;           /* the callbacks' own */
};

/*
 * Guest instructions a region closed only through returns may have.
 * Such regions take in callees, and a library routine (memcpy through
 * the PLT) made regions of 250-300 instructions and 2,000 ops that LLVM
 * took 300 ms each to compile: lz77 ran 27% slower while they waited.
 * Since a return is followed only to the calls in the region, recursions
 * take in little more than their callees' hot paths: bintree's build()
 * with malloc() is 213, and sha256's loop around its block function
 * 217.  A 380-instruction region (sha256's main loop) took 490 ms.
 */
#define HYBRID_CALL_REGION_MAX_INSNS 300

/*
 * Callees a loop's region takes in: at most this many guest instructions
 * in all, through returns to its own call sites.  A loop that calls a
 * small function (strchr() in a lexer) otherwise leaves its trace at
 * every call, runs the function in TCG and enters again on its way
 * back; big ones (memcpy() through the PLT) are slow to compile, and
 * with them lz77 ran 0.93 -> 1.18 s.
 */
#define HYBRID_SMALL_CALLEES_INSNS 48

/* How hybrid_region_of_head() found its region, or why none. */
typedef struct HybridRegionInfo {
    bool via_returns;       /* no cycle over jumps and calls: returns too */
    bool acyclic;           /* no cycle at all: the paths to its return */
    int blocks, insns;      /* via_returns: the last region tried */
} HybridRegionInfo;

/*
 * The region of @head, at most @max nodes into @kept (@head first):
 * its cycles over jumps and calls, with small callees.  Only if it has
 * none (a recursion, a loop whose back edge is a return) are returns
 * followed too, within HYBRID_CALL_REGION_MAX_INSNS; with no cycle at
 * all, the paths from the head to the return that leaves its function.
 * Returns the count, 0 if there is no region worth a trace.
 */
int hybrid_region_of_head(const HybridCFG *cfg, void *head, void **kept,
                          int max, HybridRegionInfo *info);

/* The index of @node in @nodes[0..n), or -1. */
int hybrid_region_index(void *const *nodes, int n, const void *node);

/*
 * A fingerprint of a region: its nodes in order.  Equal fingerprints
 * mean the same nodes as long as no node's memory is reused.  Never 0.
 */
uint64_t hybrid_region_hash(void *const *nodes, int n);

#endif /* HYBRID_ACCEL_TCG_REGION_H */
