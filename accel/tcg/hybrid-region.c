/*
 * Hybrid translator, stage 2: region formation (see hybrid-region.h).
 *
 * A hot head becomes a region of blocks taken from the CFG the program
 * has already shown us, walked through the view in hybrid-region.h.  We
 * keep the blocks from which the head can be reached again (relaxed
 * NET: the cyclic paths through the head, inner loops included).
 * Returns are followed only back to the call sites in the region: their
 * other targets are callers outside it.
 *
 * Only C and glib: tests/unit builds this file on the host with a
 * stand-in qemu/osdep.h that holds nothing else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/accel/tcg/hybrid-region.h"

int hybrid_region_index(void *const *nodes, int n, const void *node)
{
    for (int i = 0; i < n; i++) {
        if (nodes[i] == node) {
            return i;
        }
    }
    return -1;
}

/*
 * The graph form_region() walks: at most max nodes, HYBRID_MAX_SUCC
 * edges each.
 */
typedef struct Region {
    const HybridCFG *cfg;
    void **nodes;
    uint64_t *ret_addr;         /* where a call node's callee returns, or 0 */
    bool *is_ret;               /* ends in a return */
    int *edge;
    int *nb_edges;
    int n, max;
    bool all_sites;             /* return_edges(): beyond the ways too */
} Region;

static HybridCFGNode describe(const HybridCFG *cfg, void *node)
{
    HybridCFGNode d;

    cfg->describe(cfg, node, &d);
    return d;
}

/* The index of @node in @r, added if new and there is room; -1 if not. */
static int region_add(Region *r, void *node)
{
    int j = hybrid_region_index(r->nodes, r->n, node);

    if (j < 0 && r->n < r->max) {
        HybridCFGNode d = describe(r->cfg, node);

        j = r->n++;
        r->nodes[j] = node;
        r->ret_addr[j] = d.end == HYBRID_CFG_END_CALL ? d.pc + d.size : 0;
        r->is_ret[j] = d.end == HYBRID_CFG_END_RETURN;
    }
    return j;
}

/*
 * Add edge i -> j unless it is there or i has HYBRID_MAX_SUCC already (a
 * return may reach more call sites than that); true if it was new.
 */
static bool region_edge(Region *r, int i, int j)
{
    for (int k = 0; k < r->nb_edges[i]; k++) {
        if (r->edge[i * HYBRID_MAX_SUCC + k] == j) {
            return false;
        }
    }
    if (r->nb_edges[i] == HYBRID_MAX_SUCC) {
        return false;
    }
    r->edge[i * HYBRID_MAX_SUCC + r->nb_edges[i]++] = j;
    return true;
}

/* Is @node where a call in @r returns to? */
static bool is_return_site(Region *r, void *node)
{
    uint64_t pc = describe(r->cfg, node).pc;

    for (int i = 0; i < r->n; i++) {
        if (r->ret_addr[i] == pc) {
            return true;
        }
    }
    return false;
}

/*
 * Give return block @i of @r edges to the return sites of the calls in
 * @r, as far as its inline cache went there.  Returns true if an edge
 * was added.  A return's other targets are callers outside the region:
 * a path through them is a path through the caller's loop, not ours
 * (bintree's build() returns to main's loop as well as to itself).
 */
static bool return_edges(Region *r, int i)
{
    const HybridCFG *cfg = r->cfg;
    HybridCFGEdge succ[HYBRID_MAX_SUCC];
    int ns = cfg->successors(cfg, r->nodes[i], succ);
    bool grown = false, again;

    /*
     * Again while it grows: one site may be the call that makes another
     * a return site (a leaf returns after one recursive call and before
     * the next).
     */
    do {
        again = false;
        for (int k = 0; k < ns; k++) {
            int j;

            if (succ[k].kind != HYBRID_EDGE_RETURN ||
                !is_return_site(r, succ[k].to)) {
                continue;
            }
            j = region_add(r, succ[k].to);
            if (j >= 0 && region_edge(r, i, j)) {
                grown = again = true;
            }
        }
        /*
         * The sites a return's own ways do not hold (they keep two targets
         * a set; calls' walk_c returned to 8 call sites and left its trace
         * at 2 of them a million times each), where the cache would still
         * go without a full lookup.
         */
        for (int c = 0; c < r->n && r->all_sites; c++) {
            void *t;
            int j;

            if (!r->ret_addr[c] ||
                !(t = cfg->ic_target_for(cfg, r->nodes[i], r->ret_addr[c]))) {
                continue;
            }
            j = region_add(r, t);
            if (j >= 0 && region_edge(r, i, j)) {
                grown = again = true;
            }
        }
    } while (again);
    return grown;
}

/* return_edges() for every return block, for calls found after it. */
static bool region_returns(Region *r)
{
    bool grown = false;

    for (int i = 0; i < r->n; i++) {
        if (r->is_ret[i] && return_edges(r, i)) {
            grown = true;
        }
    }
    return grown;
}

/*
 * Collect the blocks reachable from the head over jumps, calls and the
 * indirect branches that are not returns (at most @max, breadth first;
 * with @returns, also from a return to the call sites in the region it
 * went back to), then keep those from which the head is reachable
 * inside that set.  Returns the number kept (the head first), 0 if the
 * head is on no cycle.
 */
static int form_region(const HybridCFG *cfg, void *head, void **kept,
                       int max, bool returns, bool to_returns, bool all_sites)
{
    g_autofree void **nodes = g_new(void *, max);
    g_autofree uint64_t *ret_addr = g_new(uint64_t, max);
    g_autofree bool *is_ret = g_new(bool, max);
    g_autofree int *edge = g_new(int, max * HYBRID_MAX_SUCC);
    g_autofree int *nb_edges = g_new0(int, max);
    g_autofree bool *back = g_new0(bool, max);
    Region r = {
        .cfg = cfg, .nodes = nodes, .ret_addr = ret_addr, .is_ret = is_ret,
        .edge = edge, .nb_edges = nb_edges, .max = max,
        .all_sites = all_sites,
    };
    int done = 0, i, k, nk = 0;
    bool changed;

    /*
     * Walk; then give the returns their edges to calls found after them,
     * and walk again from any block that added, until nothing is added.
     */
    region_add(&r, head);
    do {
        for (; done < r.n; done++) {
            HybridCFGEdge succ[HYBRID_MAX_SUCC];
            int ns = cfg->successors(cfg, r.nodes[done], succ);

            for (k = 0; k < ns; k++) {
                int j;

                if (succ[k].kind == HYBRID_EDGE_RETURN) {
                    continue;           /* return_edges() */
                }
                j = region_add(&r, succ[k].to);
                if (j >= 0) {
                    region_edge(&r, done, j);
                }
            }
            /*
             * In walk order, so that the room left goes to the paths
             * back through the callers before the callee's cold paths.
             */
            if (returns && r.is_ret[done]) {
                return_edges(&r, done);
            }
        }
    } while (returns && region_returns(&r) && done < r.n);

    /*
     * Backward reachability to the head: fixpoint over a small graph.
     * With @to_returns, to a return that leaves the region as well (one
     * with no edge inside: the head's function returning to its caller).
     */
    if (to_returns) {
        for (i = 1; i < r.n; i++) {
            back[i] = is_ret[i] && nb_edges[i] == 0;
        }
    }
    do {
        changed = false;
        for (i = 0; i < r.n; i++) {
            if (back[i]) {
                continue;
            }
            for (k = 0; k < nb_edges[i]; k++) {
                int j = edge[i * HYBRID_MAX_SUCC + k];

                if (j == 0 || back[j]) {
                    back[i] = true;
                    changed = true;
                    break;
                }
            }
        }
    } while (changed);

    if (!back[0]) {
        return 0;
    }
    for (i = 0; i < r.n; i++) {
        if (back[i]) {
            kept[nk++] = nodes[i];
        }
    }
    return nk;
}

uint64_t hybrid_region_hash(void *const *nodes, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;

    for (int i = 0; i < n; i++) {
        h = (h ^ (uintptr_t)nodes[i]) * 0x100000001b3ull;
    }
    return h | 1;
}

static int region_insns(const HybridCFG *cfg, void **kept, int n)
{
    int insns = 0;

    for (int i = 0; i < n; i++) {
        insns += describe(cfg, kept[i]).insns;
    }
    return insns;
}

/* @kept's region with its small callees (HYBRID_SMALL_CALLEES_INSNS). */
static int with_small_callees(const HybridCFG *cfg, void *head, void **kept,
                              int n, int max)
{
    g_autofree void **more = g_new(void *, max);
    int m = form_region(cfg, head, more, max, true, false, false);
    int insns = region_insns(cfg, more, m);

    if (m <= n || insns > HYBRID_CALL_REGION_MAX_INSNS ||
        insns - region_insns(cfg, kept, n) > HYBRID_SMALL_CALLEES_INSNS) {
        return n;
    }
    for (int i = 0; i < n; i++) {
        if (hybrid_region_index(more, m, kept[i]) < 0) {
            return n;                   /* not a superset: keep the loop */
        }
    }
    memcpy(kept, more, m * sizeof(*kept));
    return m;
}

/*
 * Following returns in every region grew loops that had a region
 * already with their callees, for no gain or a loss (sort 0.92 -> 1.03 s,
 * lz77 0.93 -> 1.18 s, median of 5), while closing recursions through
 * them made calls 1.8 -> 1.1 s: hence returns only when there is no
 * cycle without them.
 */
int hybrid_region_of_head(const HybridCFG *cfg, void *head, void **kept,
                          int max, HybridRegionInfo *info)
{
    int n = form_region(cfg, head, kept, max, false, false, false);
    int insns;

    *info = (HybridRegionInfo) { .via_returns = !n };
    if (n) {
        return with_small_callees(cfg, head, kept, n, max);
    }
    /*
     * A recursion returns to every call site of its functions; a region
     * with all those its caches would reach (see return_edges()) runs
     * whole recursions inside, if it stays small enough.
     */
    n = form_region(cfg, head, kept, max, true, false, true);
    insns = region_insns(cfg, kept, n);
    if (!n || insns > HYBRID_CALL_REGION_MAX_INSNS) {
        n = form_region(cfg, head, kept, max, true, false, false);
        insns = region_insns(cfg, kept, n);
    }
    if (!n) {
        /*
         * No cycle at all: a function's body (free(), strchr()), entered
         * from calls all over the program.  Its paths to the return that
         * leaves it are a region too, entered once per call.
         */
        n = form_region(cfg, head, kept, max, true, true, false);
        if (n < 2) {
            n = 0;                      /* the head alone: nothing to gain */
        }
        insns = region_insns(cfg, kept, n);
        info->acyclic = n > 0;
    }
    info->blocks = n;
    info->insns = insns;
    if (!n || insns > HYBRID_CALL_REGION_MAX_INSNS) {
        return 0;
    }
    return n;
}
