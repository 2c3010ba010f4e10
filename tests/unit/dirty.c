/*
 * Unit tests of the "may be dirty" write-back dataflow
 * (llvm-backend/translate-dirty.c) on hand-made op sequences: which
 * promoted globals and vreg slots may differ from env at the start of
 * each run of ops, after guest memory accesses (a fault reads env),
 * helper calls (by their flags and pointer arguments), loops, merges and
 * block-to-block edges.
 *
 * tr_compute_dirty() needs only the trace IR, the target facts and the
 * promoted globals of the translator state, no LLVM object: the test
 * fills those by hand and links the analysis and the value model as the
 * QEMU build compiled them (tests/unit/Makefile), with the LLVM entry
 * points left NULL (nothing here may call LLVM; if something did, the
 * test would crash and fail).
 *
 * Prints one TAP line per case (tests/lib.sh); exits 1 if one failed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

/* The pointers llvm-api.c defines, unset: the analysis calls no LLVM. */
#define LLVM_API(name) __typeof__(name) *hybrid_llvm_##name;
#include "hybrid/llvm-backend/llvm-api.def"
#undef LLVM_API

/* env offsets of the globals and the vector registers, made up. */
#define OFF_X0 0x10
#define OFF_X1 0x18
#define OFF_VREGS 0x1000
#define SIZE_VREGS 0x400
#define OFF_FPST 0x2000         /* a float_status: outside the vregs */

/* Tr.globals, in this order: the bits of the sets checked. */
enum { G_X0, G_X1, G_V0, NB_G };
#define X0 (1u << G_X0)
#define X1 (1u << G_X1)
#define V0 (1u << G_V0)

/* The temps every block shares (first_temp 0). */
enum { T_X0, T_X1, T_ENV, T_ZERO, T_T, T_P, T_VOFF, T_FOFF, NB_T };

typedef struct Build {
    HybridTraceIR ir;
    HybridBlock blocks[4];
    HybridOp ops[64];
    uint64_t args[256];
    HybridTemp temps[NB_T];
    HybridTarget tgt;
    Global globals[NB_G];
    Tr tr;
} Build;

static int failures;
static char helper_plain, helper_lookup;   /* their addresses: functions */

static void build_init(Build *b)
{
    memset(b, 0, sizeof(*b));
    b->ir.blocks = b->blocks;
    b->ir.ops = b->ops;
    b->ir.args = b->args;
    b->ir.temps = b->temps;
    b->ir.nb_temps = NB_T;
    b->temps[T_X0] = (HybridTemp) { HT_GLOBAL, TCG_TYPE_I64, OFF_X0 };
    b->temps[T_X1] = (HybridTemp) { HT_GLOBAL, TCG_TYPE_I64, OFF_X1 };
    b->temps[T_ENV] = (HybridTemp) { HT_ENV, TCG_TYPE_PTR, 0 };
    b->temps[T_ZERO] = (HybridTemp) { HT_CONST, TCG_TYPE_I64, 0 };
    b->temps[T_T] = (HybridTemp) { HT_TEMP, TCG_TYPE_I64, 0 };
    b->temps[T_P] = (HybridTemp) { HT_TEMP, TCG_TYPE_I64, 0 };
    b->temps[T_VOFF] = (HybridTemp) { HT_CONST, TCG_TYPE_I64, OFF_VREGS + 16 };
    b->temps[T_FOFF] = (HybridTemp) { HT_CONST, TCG_TYPE_I64, OFF_FPST };
    b->globals[G_X0] = (Global) { .offset = OFF_X0 };
    b->globals[G_X1] = (Global) { .offset = OFF_X1 };
    b->globals[G_V0] = (Global) { .offset = OFF_VREGS, .vreg = true,
                                  .bytes = 16 };
    b->tgt.vregs_offset = OFF_VREGS;
    b->tgt.vregs_size = SIZE_VREGS;
    b->tgt.lookup_tb_ptr = &helper_lookup;
    b->tr.ir = &b->ir;
    b->tr.tgt = &b->tgt;
    b->tr.globals = b->globals;
    b->tr.nb_globals = NB_G;
}

static void block(Build *b)
{
    HybridBlock *blk = &b->blocks[b->ir.nb_blocks++];

    blk->first_op = b->ir.nb_ops;
    blk->succ[0] = blk->succ[1] = -1;
}

/* Append op @opc with @n args (outputs, inputs, constants); its index. */
static uint32_t op(Build *b, unsigned opc, int no, int ni, int n, ...)
{
    HybridOp *o = &b->ops[b->ir.nb_ops];
    va_list ap;

    g_assert(b->ir.nb_ops < G_N_ELEMENTS(b->ops) &&
             b->ir.nb_args + n <= G_N_ELEMENTS(b->args));
    *o = (HybridOp) { .opc = opc, .nb_oargs = no, .nb_iargs = ni,
                      .nb_cargs = n - no - ni, .args = b->ir.nb_args };
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        b->args[b->ir.nb_args++] = va_arg(ap, uint64_t);
    }
    va_end(ap);
    b->blocks[b->ir.nb_blocks - 1].nb_ops++;
    return b->ir.nb_ops++;
}

#define A(x) ((uint64_t)(x))
#define MOV(b, dst) op(b, INDEX_op_mov_i64, 1, 1, 2, A(dst), A(T_ZERO))
#define QEMU_LD(b) op(b, INDEX_op_qemu_ld_i64, 1, 1, 3, A(T_T), A(T_T), A(0))
#define BR(b, l) op(b, INDEX_op_br, 0, 0, 1, A(l))
#define BRCOND(b, l) op(b, INDEX_op_brcond_i64, 0, 2, 4, A(T_T), A(T_T), \
                        A(TCG_COND_NE), A(l))
#define LABEL(b, l) op(b, INDEX_op_set_label, 0, 0, 1, A(l))
#define EXIT(b) op(b, INDEX_op_exit_tb, 0, 0, 1, A(0))
#define GOTO_TB(b, n) op(b, INDEX_op_goto_tb, 0, 0, 1, A(n))
/* A call of @f with one argument @arg of dh type @code (6: ptr). */
#define CALL1(b, f, flags, arg, code) \
    op(b, INDEX_op_call, 0, 1, 4, A(arg), A((uintptr_t)(f)), A(flags), \
       A((code) << 3))

/* @b emptied, its first block begun. */
static void restart(Build *b)
{
    build_init(b);
    block(b);
}

static Build *new_build(void)
{
    Build *b = g_new(Build, 1);

    restart(b);
    return b;
}

/* br to label @l and set_label @l: a new run; its first op's index. */
static uint32_t next_run(Build *b, uint64_t l)
{
    BR(b, l);
    return LABEL(b, l);
}

/* The label of the run that ends the trace (last_run()). */
#define L_LAST 9

/* The run that ends the trace: its first op's index. */
static uint32_t last_run(Build *b)
{
    uint32_t first = next_run(b, L_LAST);

    EXIT(b);
    return first;
}

/*
 * Run the analysis; @want holds pairs (op index, set of X0 | X1 | V0
 * bits): each op must start a run and the set there must be that one.
 */
static void check_pairs(const char *label, Build *b, const uint32_t *want,
                        int n)
{
    bool ok = true;

    tr_compute_dirty(&b->tr);
    for (int i = 0; i < n; i += 2) {
        uint32_t at = want[i];
        uint64_t got = b->tr.dirty_in[at].w[0];

        if (!b->tr.leader[at] || got != want[i + 1]) {
            if (ok) {
                printf("not ok - dirty/%s\n", label);
            }
            printf("#   op %u: want leader {%#x}, got %s{%#" PRIx64 "}\n",
                   at, want[i + 1], b->tr.leader[at] ? "leader " : "", got);
            ok = false;
        }
    }
    if (ok) {
        printf("ok - dirty/%s\n", label);
    } else {
        failures++;
    }
    g_free(b->tr.leader);
    g_free(b->tr.dirty_in);
    b->tr.leader = NULL;
    b->tr.dirty_in = NULL;
}

#define CHECK(label, b, ...)                                    \
    do {                                                        \
        const uint32_t want_[] = { __VA_ARGS__ };               \
        check_pairs(label, b, want_, G_N_ELEMENTS(want_));      \
    } while (0)

/* Registers written in a run stay dirty into the next. */
static void straight(void)
{
    g_autofree Build *b = new_build();
    uint32_t first, l;

    first = MOV(b, T_X0);
    MOV(b, T_X1);
    l = last_run(b);
    CHECK("straight", b, first, 0, l, X0 | X1);
}

/*
 * A guest memory access may fault: everything is written back before it,
 * unless faults are fatal (no one sees env then).
 */
static void guest_access(void)
{
    g_autofree Build *b = new_build();
    uint32_t l;

    for (int fatal = 0; fatal < 2; fatal++) {
        restart(b);
        b->tgt.faults_fatal = fatal;
        MOV(b, T_X0);
        QEMU_LD(b);
        MOV(b, T_X1);
        l = last_run(b);
        if (fatal) {
            CHECK("guest-access-faults-fatal", b, l, X0 | X1);
        } else {
            CHECK("guest-access-writes-back", b, l, X1);
        }
    }
}

/* A helper call writes back the globals unless it reads none. */
static void helper_calls(void)
{
    static const struct {
        const char *label;
        void *func;
        unsigned flags;
        unsigned want;
    } cases[] = {
        { "call-reads-globals", &helper_plain, 0, 0 },
        { "call-no-read-globals", &helper_plain, TCG_CALL_NO_READ_GLOBALS,
          X0 },
        { "call-lookup-tb-ptr", &helper_lookup, 0, X0 },
    };
    g_autofree Build *b = new_build();

    for (int i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint32_t l;

        restart(b);
        MOV(b, T_X0);
        CALL1(b, cases[i].func, cases[i].flags, T_T, 4);    /* i64 arg */
        l = last_run(b);
        CHECK(cases[i].label, b, l, cases[i].want);
    }
}

/*
 * A vreg slot is dirty after an env store into it, and clean after a
 * call whose pointer argument may reach the vector registers (here env
 * plus an offset inside them) or a host access through a pointer; a
 * pointer to a float_status leaves it dirty.
 */
static void vregs(void)
{
    static const struct {
        const char *label;
        int how;                    /* 0, 1: call with T_VOFF, T_FOFF;
                                       2: a load through a pointer */
        unsigned want;
    } cases[] = {
        { "vreg-call-pointer-into-vregs", 0, X0 },
        { "vreg-call-pointer-outside", 1, X0 | V0 },
        { "vreg-pointer-access", 2, X0 },
    };
    g_autofree Build *b = new_build();

    for (int i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint32_t l, mid;

        restart(b);
        MOV(b, T_X0);
        op(b, INDEX_op_st_i64, 0, 2, 3, A(T_T), A(T_ENV), A(OFF_VREGS + 8));
        mid = next_run(b, 1);
        if (cases[i].how < 2) {
            op(b, INDEX_op_add_i64, 1, 2, 3, A(T_P), A(T_ENV),
               A(cases[i].how ? T_FOFF : T_VOFF));
            CALL1(b, &helper_plain, TCG_CALL_NO_READ_GLOBALS, T_P, 6);
        } else {
            op(b, INDEX_op_ld_i64, 1, 1, 3, A(T_T), A(T_P), A(0));
        }
        l = last_run(b);
        CHECK(cases[i].label, b, mid, X0 | V0, l, cases[i].want);
    }
}

/* Where two paths meet, what may be dirty on either. */
static void merge(void)
{
    g_autofree Build *b = new_build();
    uint32_t fall, l;

    MOV(b, T_X0);
    BRCOND(b, L_LAST);
    fall = QEMU_LD(b);          /* writes X0 back on this path */
    MOV(b, T_X1);
    l = last_run(b);
    CHECK("merge", b, fall, X0, l, X0 | X1);
}

/* A loop's back edge carries what its body leaves dirty to its head. */
static void loop(void)
{
    g_autofree Build *b = new_build();
    uint32_t head, out;

    head = LABEL(b, 0);
    QEMU_LD(b);
    MOV(b, T_X1);
    BRCOND(b, 0);
    out = EXIT(b);
    CHECK("loop", b, head, X1, out, X1);
}

/* goto_tb continues in the block the trace links it to (HybridBlock.succ). */
static void blocks(void)
{
    g_autofree Build *b = new_build();
    uint32_t b0, b1;

    b0 = MOV(b, T_X0);
    GOTO_TB(b, 0);
    EXIT(b);
    block(b);
    b1 = MOV(b, T_X1);
    GOTO_TB(b, 0);
    EXIT(b);
    b->blocks[0].succ[0] = 1;
    b->blocks[1].succ[0] = 0;
    CHECK("goto-tb-cycle", b, b0, X0 | X1, b1, X0 | X1);

    /* Unlinked: the exit after it, in the same block. */
    restart(b);
    b0 = MOV(b, T_X0);
    GOTO_TB(b, 0);
    b1 = EXIT(b);
    CHECK("goto-tb-unlinked", b, b0, 0, b1, X0);
}

/* goto_ptr continues in the blocks of HybridBlock.isucc. */
static void goto_ptr(void)
{
    g_autofree Build *b = new_build();
    uint32_t b1;

    MOV(b, T_X0);
    op(b, INDEX_op_call, 1, 1, 5, A(T_P), A(T_ENV),
       A((uintptr_t)&helper_lookup), A(TCG_CALL_NO_WRITE_GLOBALS), A(0));
    op(b, INDEX_op_goto_ptr, 0, 1, 1, A(T_P));
    block(b);
    b1 = EXIT(b);
    b->blocks[0].nb_isucc = 1;
    b->blocks[0].isucc[0] = 1;
    CHECK("goto-ptr-targets", b, b1, X0);
}

/* After a call that does not return, nothing flows on. */
static void no_return(void)
{
    g_autofree Build *b = new_build();
    uint32_t after, l;

    MOV(b, T_X0);
    CALL1(b, &helper_plain, TCG_CALL_NO_RETURN | TCG_CALL_NO_READ_GLOBALS,
          T_T, 4);
    after = MOV(b, T_X1);
    l = last_run(b);
    CHECK("no-return-call", b, after, 0, l, X1);
}

int main(void)
{
    straight();
    guest_access();
    helper_calls();
    vregs();
    merge();
    loop();
    blocks();
    goto_ptr();
    no_return();
    return failures ? 1 : 0;
}
