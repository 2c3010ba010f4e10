/*
 * Unit tests of region formation (accel/tcg/hybrid-region.c) on
 * hand-made CFGs: which blocks a hot head's region keeps, in which
 * order, and whether it was closed through returns or is a function's
 * acyclic body.  The graphs stand for TBs as hybrid-record.c shows them:
 * chained exits, an indirect branch's inline-cache ways, and the second
 * level only hybrid_ic_target_for() looks into.
 *
 * Prints one TAP line per case (tests/lib.sh); exits 1 if one failed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/accel/tcg/hybrid-region.h"

#define MAX_NODES 64
#define MAX_IC 32

typedef struct TNode TNode;
struct TNode {
    char name[8];
    uint64_t pc;
    int insns;
    HybridCFGEnd end;
    TNode *jump[2];             /* chained goto_tb exits */
    TNode *ways[MAX_IC];        /* the inline cache's ways */
    int nb_ways;
    TNode *second[MAX_IC];      /* targets only the second level holds */
    int nb_second;
};

typedef struct Graph {
    TNode nodes[MAX_NODES];
    int n;
} Graph;

static int failures;

static TNode *find(Graph *g, const char *name, size_t len)
{
    for (int i = 0; i < g->n; i++) {
        if (strlen(g->nodes[i].name) == len &&
            strncmp(g->nodes[i].name, name, len) == 0) {
            return &g->nodes[i];
        }
    }
    g_error("no block %.*s", (int)len, name);
}

static void add_edge(TNode **list, int *n, TNode *to)
{
    g_assert(*n < MAX_IC);
    list[(*n)++] = to;
}

/*
 * Build @g from @spec, words separated by spaces:
 *   NAME:N     a block of N guest instructions that ends in a jump, at a
 *              pc of its own; NAME:Nc ends in a call, NAME:Nr in a return
 *   ...@C      (after any of those) the block at the return address of
 *              call block C: where its callee returns to
 *   A>B        a chained exit of A to B (at most two)
 *   A~B        B in the ways of A's inline cache
 *   A^B        B in the second level only (hybrid_ic_target_for())
 */
static void parse(Graph *g, const char *spec)
{
    g_auto(GStrv) words = g_strsplit(spec, " ", -1);

    memset(g, 0, sizeof(*g));
    for (char **w = words; *w; w++) {
        size_t len = strcspn(*w, ":>~^");
        char *rest = *w + len, *at;
        TNode *t, *to;

        if (len == 0 && !*rest) {
            continue;                   /* two spaces */
        }
        if (*rest != ':') {
            t = find(g, *w, len);
            to = find(g, rest + 1, strlen(rest + 1));
            if (*rest == '>') {
                g_assert(!t->jump[1]);
                t->jump[t->jump[0] ? 1 : 0] = to;
            } else if (*rest == '~') {
                add_edge(t->ways, &t->nb_ways, to);
            } else {
                add_edge(t->second, &t->nb_second, to);
            }
            continue;
        }
        g_assert(g->n < MAX_NODES && len < sizeof(t->name));
        t = &g->nodes[g->n];
        memcpy(t->name, *w, len);
        t->pc = 0x400000 + 0x1000 * (uint64_t)g->n++;
        t->insns = strtol(rest + 1, &rest, 10);
        t->end = *rest == 'c' ? HYBRID_CFG_END_CALL :
                 *rest == 'r' ? HYBRID_CFG_END_RETURN : HYBRID_CFG_END_JUMP;
        at = strchr(rest, '@');
        if (at) {
            TNode *caller = find(g, at + 1, strlen(at + 1));

            g_assert(caller->end == HYBRID_CFG_END_CALL);
            t->pc = caller->pc + 4 * caller->insns;
        }
        g_assert(t->insns > 0 && t->insns < 0x400);
    }
}

/* The view hybrid-region.h asks for, as hybrid-record.c gives it. */
static void t_describe(const HybridCFG *cfg, void *node, HybridCFGNode *out)
{
    TNode *t = node;

    out->pc = t->pc;
    out->size = 4 * t->insns;
    out->insns = t->insns;
    out->end = t->end;
}

static int t_successors(const HybridCFG *cfg, void *node, HybridCFGEdge *out)
{
    TNode *t = node;
    int n = 0;

    for (int k = 0; k < 2; k++) {
        if (t->jump[k]) {
            out[n++] = (HybridCFGEdge) {
                t->jump[k], t->end == HYBRID_CFG_END_CALL ? HYBRID_EDGE_CALL
                                                          : HYBRID_EDGE_JUMP
            };
        }
    }
    for (int k = 0; k < t->nb_ways && k < HYBRID_MAX_ISUCC; k++) {
        out[n++] = (HybridCFGEdge) {
            t->ways[k], t->end == HYBRID_CFG_END_RETURN ? HYBRID_EDGE_RETURN
                                                        : HYBRID_EDGE_INDIRECT
        };
    }
    return n;
}

static void *t_ic_target_for(const HybridCFG *cfg, void *node, uint64_t pc)
{
    TNode *t = node;

    for (int k = 0; k < t->nb_ways; k++) {
        if (t->ways[k]->pc == pc) {
            return t->ways[k];
        }
    }
    for (int k = 0; k < t->nb_second; k++) {
        if (t->second[k]->pc == pc) {
            return t->second[k];
        }
    }
    return NULL;
}

static const HybridCFG cfg = {
    .describe = t_describe,
    .successors = t_successors,
    .ic_target_for = t_ic_target_for,
};

/*
 * Is @head's region @want (its blocks' names in order, "" for none),
 * found through returns or not, a function's acyclic body or not?
 */
static void check(const char *label, Graph *g, const char *head, int max,
                  const char *want, bool via_returns, bool acyclic)
{
    void *kept[MAX_NODES];
    HybridRegionInfo info;
    int n = hybrid_region_of_head(&cfg, find(g, head, strlen(head)), kept,
                                  max, &info);
    g_autoptr(GString) got = g_string_new("");

    for (int i = 0; i < n; i++) {
        g_string_append_printf(got, "%s%s", i ? " " : "",
                               ((TNode *)kept[i])->name);
    }
    if (strcmp(got->str, want) == 0 && info.via_returns == via_returns &&
        info.acyclic == acyclic) {
        printf("ok - region/%s\n", label);
        return;
    }
    failures++;
    printf("not ok - region/%s\n", label);
    printf("#   want: [%s] via_returns=%d acyclic=%d\n", want, via_returns,
           acyclic);
    printf("#   got:  [%s] via_returns=%d acyclic=%d (%d blocks, %d insns"
           " tried)\n", got->str, info.via_returns, info.acyclic,
           info.blocks, info.insns);
}

/* Parse @spec into a graph, then check() the region of @head. */
static void check_spec(const char *label, const char *spec, const char *head,
                       int max, const char *want, bool via_returns,
                       bool acyclic)
{
    g_autofree Graph *g = g_new(Graph, 1);

    parse(g, spec);
    check(label, g, head, max, want, via_returns, acyclic);
}

static void simple_loop(void)
{
    const char *g = "A:3 B:2 C:1 D:1r  A>B B>A B>C C>D";

    check_spec("simple-loop", g, "A", 16, "A B", false, false);
    /* Off the loop: only the path to the return that leaves. */
    check_spec("simple-loop-exit-head", g, "C", 16, "C D", true, true);
}

static void nested_loops(void)
{
    /* J>I is the inner back edge, K>H the outer one. */
    const char *g = "H:2 I:2 J:3 K:2 X:1r  H>I I>J J>I J>K K>H K>X";

    check_spec("nested-outer", g, "H", 16, "H I J K", false, false);
    /* Every cycle through the inner head: the outer loop's too. */
    check_spec("nested-inner", g, "I", 16, "I J K H", false, false);
}

static void diamond(void)
{
    check_spec("diamond", "A:2 B:3 C:4 D:2 E:1r  A>B A>C B>D C>D D>A D>E",
               "A", 16, "A B C D", false, false);
}

/* A ends in BR; T3 leaves, T4 comes back through T1. */
static void indirect_targets(void)
{
    const char *g = "A:2 T1:2 T2:2 T3:1 T4:2 E:1  A~T1 A~T2 A~T3 A~T4 "
                    "T1>A T2>A T3>E T4>T1 T3^A";

    check_spec("indirect-targets", g, "A", 16, "A T1 T2 T4", false, false);
    /* Targets only the second level holds are no edges of a jump. */
    check_spec("indirect-second-level-ignored", g, "T3", 16, "", true, false);
}

/*
 * A loop whose only way back is its callee's return; the return's ways
 * hold another caller's return site too (Y), not one of this region.
 */
static void loop_through_call(void)
{
    const char *g = "L:3c F:%d FR:2r R:2@L Y:1 Z:1  "
                    "L>F F>FR FR~R FR~Y R>L R>Z Y>L";
    g_autofree char *small = g_strdup_printf(g, 4);
    g_autofree char *big = g_strdup_printf(g, HYBRID_CALL_REGION_MAX_INSNS);

    check_spec("loop-through-call", small, "L", 16, "L F FR R", true, false);
    check_spec("loop-through-call-too-big", big, "L", 16, "", true, false);
}

/* A loop with a cycle of its own that calls a function on one path. */
static void loop_calling_function(void)
{
    const char *g = "A:%d B:2c F:%dr C:2@B  A>A A>B B>F F~C C>A";
    g_autofree char *small = g_strdup_printf(g, 2, 3);
    g_autofree char *big = g_strdup_printf(g, 2,
                                           HYBRID_SMALL_CALLEES_INSNS + 1);
    g_autofree char *whole = g_strdup_printf(g,
                                             HYBRID_CALL_REGION_MAX_INSNS - 6,
                                             3);

    /* A small callee comes in, through its return to the loop's call. */
    check_spec("loop-small-callee", small, "A", 16, "A B F C", false, false);
    /* Over HYBRID_SMALL_CALLEES_INSNS more: the loop alone. */
    check_spec("loop-big-callee", big, "A", 16, "A", false, false);
    /* Small callee, but the whole over HYBRID_CALL_REGION_MAX_INSNS. */
    check_spec("loop-callee-region-too-big", whole, "A", 16, "A", false,
               false);
}

/*
 * With little room (the region's node limit), the return's way back to
 * the loop is taken as the walk meets the return, before the callee's
 * cold path (X1, X2) fills the room.
 */
static void callers_before_cold_paths(void)
{
    const char *g = "L:3c F:2 FR:2r X1:2 X2:2 R:2@L  "
                    "L>F F>FR F>X1 X1>X2 X2>FR FR~R R>L";

    check_spec("callers-before-cold-paths", g, "L", 5, "L F FR R", true,
               false);
    check_spec("callers-with-room", g, "L", 16, "L F FR X1 R X2", true, false);
}

/*
 * A return walked before the call that returns through it (H jumps into
 * the function, a tail call): its edge to the return site comes when the
 * walk is over (region_returns()), and the walk goes on from there.
 */
static void call_after_return(void)
{
    check_spec("call-after-return",
               "H:2 FR:2r B:2 C:2c R:2@C  H>FR H>B B>C C>FR FR~R R>H",
               "H", 16, "H FR B C R", true, false);
}

/* A function with no cycle: entered by calls, left by its return. */
static void function_closed_by_return(void)
{
    /* X1 and X2 are its callers' return sites: outside. */
    const char *g = "F:2 F1:3 F2:2 FR:2r X1:1 X2:1 G:3r  "
                    "F>F1 F>F2 F1>FR F2>FR FR~X1 FR~X2 G~X1";

    check_spec("function-to-return", g, "F", 16, "F F1 F2 FR", true, true);
    /* A function of one block: nothing to gain. */
    check_spec("function-one-block", g, "G", 16, "", true, false);
}

/*
 * A doubly recursive function (fib): E tests for the base case, C1 and
 * R1 (the first call's return site) end in the calls, BASE and RET
 * return; the returns' ways hold the return sites and an outside
 * caller's (OUT).
 */
static void recursion(void)
{
    const char *g = "E:2 BASE:2r C1:3c R1:2c@C1 R2:2@R1 RET:2r OUT:1  "
                    "E>BASE E>C1 C1>E R1>E R2>RET "
                    "BASE~R1 BASE~R2 BASE~OUT RET~R1 RET~R2 RET~OUT";

    /* The entry's cycle through C1, with the returns as small callees. */
    check_spec("recursion-entry", g, "E", 16, "E BASE C1 R1 R2 RET", false,
               false);
    /* The second call is on no cycle but through the returns. */
    check_spec("recursion-second-call", g, "R1", 16, "R1 E BASE C1 R2 RET",
               true, false);
    /* Its return site is on none at all: no call in the region. */
    check_spec("recursion-last-return-site", g, "R2", 16, "R2 RET", true,
               true);
}

/*
 * The return sites the second level adds (all_sites) make the region too
 * big: the one with the ways' targets only is taken instead.  F calls
 * itself from C2; R2, C2's big return site, is in the second level only.
 */
static void all_sites_too_big(void)
{
    g_autofree char *g = g_strdup_printf(
        "L:3c F:4 C2:2c FR:2r R:2@L R2:%d@C2  "
        "L>F F>FR F>C2 C2>F FR~R FR^R2 R>L R2>L",
        HYBRID_CALL_REGION_MAX_INSNS);

    check_spec("all-sites-too-big", g, "L", 16, "L F FR C2 R", true, false);
}

/* " P0 P1 ... P<n-1>" after @s, each with @fmt after its name. */
static void append_names(GString *s, const char *prefix, int n,
                         const char *fmt)
{
    for (int i = 0; i < n; i++) {
        g_string_append_printf(s, " %s%d", prefix, i);
        g_string_append_printf(s, fmt, i);
    }
}

/* Exactly HYBRID_MAX_SUCC edges out of one block: all of them kept. */
static void successor_limit(void)
{
    g_autoptr(GString) g = g_string_new("H:1");
    g_autoptr(GString) want = g_string_new("H");

    append_names(g, "S", HYBRID_MAX_SUCC, ":1");
    for (int i = 0; i < HYBRID_MAX_SUCC; i++) {
        g_string_append_printf(g, " H%cS%d S%d>H", i < 2 ? '>' : '~', i, i);
    }
    append_names(want, "S", HYBRID_MAX_SUCC, "");
    check_spec("successors-at-limit", g->str, "H", MAX_NODES, want->str,
               false, false);
}

/*
 * @calls call sites C<i> of one function F, reached from H through
 * indirect branches; F's return goes back to each through the second
 * level only (return_edges() with all_sites).  Return sites R<i> from
 * @back_from on lead back to H, the others out.
 */
static void call_sites(const char *label, int calls, int back_from,
                       const char *want_tail, bool acyclic)
{
    g_autoptr(GString) g = g_string_new("H:1 D:1 F:1r OUT:1  H>D");
    g_autoptr(GString) want = g_string_new("H D");

    for (int i = 0; i < calls; i++) {
        g_string_append_printf(g, " C%d:1c R%d:1@C%d %s~C%d C%d>F F^R%d",
                               i, i, i, i < HYBRID_MAX_ISUCC ? "H" : "D",
                               i, i, i);
        g_string_append_printf(g, " R%d>%s", i, i < back_from ? "OUT" : "H");
    }
    append_names(want, "C", calls, "");
    g_string_append(want, want_tail);
    check_spec(label, g->str, "H", MAX_NODES, want->str, true, acyclic);
}

/*
 * A return that goes back to more call sites than HYBRID_MAX_SUCC gets
 * edges to the first ones only (region order).  When only the last ones
 * lead back to the head, the region through returns fails, and what is
 * left is the paths to the function's return.
 */
static void return_site_limit(void)
{
    g_autofree char *last = g_strdup_printf(" F R%d", HYBRID_MAX_SUCC - 1);

    /* The last site an edge goes to closes the loop. */
    call_sites("return-sites-at-limit", HYBRID_MAX_SUCC, HYBRID_MAX_SUCC - 1,
               last, false);
    call_sites("return-sites-over-limit", HYBRID_MAX_SUCC + 4,
               HYBRID_MAX_SUCC, " F", true);
}

/* A loop longer than the region may be (hybrid_config.trace_len). */
static void node_limit(void)
{
    const char *g = "N0:2 N1:2 N2:2 N3:2 N4:2 N5:2 N6:2 N7:2  "
                    "N0>N1 N1>N2 N2>N3 N3>N4 N4>N5 N5>N6 N6>N7 N7>N0";

    check_spec("nodes-at-limit", g, "N0", 8, "N0 N1 N2 N3 N4 N5 N6 N7", false,
               false);
    check_spec("nodes-over-limit", g, "N0", 7, "", true, false);
}

static void hash(void)
{
    int a, b, c;
    void *abc[] = { &a, &b, &c }, *acb[] = { &a, &c, &b };
    uint64_t h1 = hybrid_region_hash(abc, 3);

    if (h1 == hybrid_region_hash(abc, 3) && h1 != 0 &&
        h1 != hybrid_region_hash(acb, 3) && h1 != hybrid_region_hash(abc, 2) &&
        hybrid_region_hash(abc, 0) != 0 &&
        hybrid_region_index(acb, 3, &b) == 2 &&
        hybrid_region_index(acb, 2, &b) == -1) {
        printf("ok - region/hash-and-index\n");
    } else {
        failures++;
        printf("not ok - region/hash-and-index\n");
    }
}

int main(void)
{
    simple_loop();
    nested_loops();
    diamond();
    indirect_targets();
    loop_through_call();
    loop_calling_function();
    callers_before_cold_paths();
    call_after_return();
    function_closed_by_return();
    recursion();
    all_sites_too_big();
    successor_limit();
    return_site_limit();
    node_limit();
    hash();
    return failures ? 1 : 0;
}
