/*
 * qemu-offload-cc: AAPCS64 argument locations (see aapcs64.h).
 *
 * The rules are those of the Procedure Call Standard for the Arm 64-bit
 * Architecture, stage C, for the IR types clang produces on Linux:
 * integers and pointers take the next x register, else an 8-byte stack
 * slot; a 128-bit integer an even-numbered register pair, else a 16-byte
 * aligned slot; floating-point and short vectors the next v register;
 * composites (arrays of i64, homogeneous floating-point aggregates) go
 * whole into consecutive registers or whole onto the stack, and once one
 * has not fitted, that register file is closed (NGRN/NSRN = 8).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "aapcs64.h"
#include "offload-abi.h"

unsigned regs_x_offset(unsigned reg)
{
    return offsetof(OffloadRegs, x) + 8 * reg;
}

unsigned regs_x8_offset(void)
{
    return offsetof(OffloadRegs, x8);
}

unsigned regs_v_offset(unsigned reg)
{
    return offsetof(OffloadRegs, v) + 16 * reg;
}

unsigned regs_sp_offset(void)
{
    return offsetof(OffloadRegs, sp);
}

unsigned regs_nstack_offset(void)
{
    return offsetof(OffloadRegs, nstack);
}

unsigned regs_stack_offset(void)
{
    return offsetof(OffloadRegs, stack);
}

unsigned regs_size(void)
{
    return sizeof(OffloadRegs);
}

typedef enum Class { C_NONE, C_INT, C_I128, C_FP, C_HFA, C_INTS } Class;

bool is_fp_scalar(LLVMTypeRef t)
{
    switch (LLVMGetTypeKind(t)) {
    case LLVMHalfTypeKind:
    case LLVMFloatTypeKind:
    case LLVMDoubleTypeKind:
        return true;
    default:
        return false;
    }
}

/* Byte size of a scalar leaf (no target data needed for these types). */
static unsigned leaf_size(LLVMTypeRef t)
{
    switch (LLVMGetTypeKind(t)) {
    case LLVMIntegerTypeKind:
        return (LLVMGetIntTypeWidth(t) + 7) / 8;
    case LLVMPointerTypeKind:
        return 8;
    case LLVMHalfTypeKind:
        return 2;
    case LLVMFloatTypeKind:
        return 4;
    case LLVMDoubleTypeKind:
        return 8;
    case LLVMVectorTypeKind:
        return LLVMGetVectorSize(t) * leaf_size(LLVMGetElementType(t));
    default:
        return 0;
    }
}

static bool is_short_vector(LLVMTypeRef t)
{
    unsigned n;

    if (LLVMGetTypeKind(t) != LLVMVectorTypeKind) {
        return false;
    }
    n = leaf_size(t);
    return n == 8 || n == 16;
}

static bool is_vreg_leaf(LLVMTypeRef t)
{
    return is_fp_scalar(t) || is_short_vector(t);
}

static bool is_int_leaf(LLVMTypeRef t)
{
    return (LLVMGetTypeKind(t) == LLVMIntegerTypeKind &&
            LLVMGetIntTypeWidth(t) <= 64) ||
           LLVMGetTypeKind(t) == LLVMPointerTypeKind;
}

/* Homogeneous aggregate: element type, count (1..4), or 0. */
static unsigned aggregate(LLVMTypeRef t, LLVMTypeRef *elem)
{
    unsigned n, i;

    if (LLVMGetTypeKind(t) == LLVMArrayTypeKind) {
        n = LLVMGetArrayLength(t);
        *elem = LLVMGetElementType(t);
        return n >= 1 && n <= MAX_PIECES ? n : 0;
    }
    if (LLVMGetTypeKind(t) == LLVMStructTypeKind && !LLVMIsOpaqueStruct(t)) {
        n = LLVMCountStructElementTypes(t);
        if (n < 1 || n > MAX_PIECES) {
            return 0;
        }
        *elem = LLVMStructGetTypeAtIndex(t, 0);
        for (i = 1; i < n; i++) {
            if (LLVMStructGetTypeAtIndex(t, i) != *elem) {
                return 0;
            }
        }
        return n;
    }
    return 0;
}

static Class classify(LLVMTypeRef t, unsigned *count)
{
    LLVMTypeRef elem;

    *count = 1;
    if (is_int_leaf(t)) {
        return C_INT;
    }
    if (LLVMGetTypeKind(t) == LLVMIntegerTypeKind &&
        LLVMGetIntTypeWidth(t) == 128) {
        *count = 2;
        return C_I128;
    }
    if (is_vreg_leaf(t)) {
        return C_FP;
    }
    *count = aggregate(t, &elem);
    if (*count && is_vreg_leaf(elem)) {
        return C_HFA;
    }
    if (*count && *count <= 2 && LLVMGetTypeKind(elem) == LLVMIntegerTypeKind
        && LLVMGetIntTypeWidth(elem) == 64 &&
        LLVMGetTypeKind(t) == LLVMArrayTypeKind) {
        return C_INTS;
    }
    return C_NONE;
}

typedef struct State {
    unsigned ngrn, nsrn, nsaa;
} State;

static unsigned align_up(unsigned v, unsigned a)
{
    return (v + a - 1) & ~(a - 1);
}

static unsigned elem_size(LLVMTypeRef t, Class c)
{
    LLVMTypeRef elem;

    if (c == C_HFA || c == C_INTS) {
        aggregate(t, &elem);
        return leaf_size(elem);
    }
    return c == C_I128 ? 8 : leaf_size(t);
}

/* Place n pieces of size sz contiguously on the stack. */
static void on_stack(State *s, ValueLoc *loc, unsigned n, unsigned sz,
                     unsigned align)
{
    unsigned i;

    s->nsaa = align_up(s->nsaa, align);
    for (i = 0; i < n; i++) {
        loc->p[i] = (Piece) { PIECE_STACK, 0, s->nsaa + i * sz };
    }
    loc->n = n;
    s->nsaa = align_up(s->nsaa + n * sz, 8);
}

static bool place_arg(State *s, LLVMTypeRef t, ValueLoc *loc)
{
    unsigned n, i, sz;
    Class c = classify(t, &n);

    switch (c) {
    case C_INT:
    case C_INTS:
    case C_I128:
        if (c == C_I128) {
            s->ngrn = align_up(s->ngrn, 2);
        }
        if (s->ngrn + n <= 8) {
            for (i = 0; i < n; i++) {
                loc->p[i] = (Piece) { PIECE_X, s->ngrn++, 0 };
            }
            loc->n = n;
        } else {
            if (c != C_INT) {
                s->ngrn = 8;
            }
            on_stack(s, loc, n, 8, c == C_I128 ? 16 : 8);
        }
        return true;
    case C_FP:
    case C_HFA:
        if (s->nsrn + n <= 8) {
            for (i = 0; i < n; i++) {
                loc->p[i] = (Piece) { PIECE_V, s->nsrn++, 0 };
            }
            loc->n = n;
        } else {
            s->nsrn = 8;
            sz = elem_size(t, c);
            if (c == C_FP) {
                /* A scalar takes a whole 8-byte (or vector-sized) slot. */
                on_stack(s, loc, 1, sz < 8 ? 8 : sz, sz == 16 ? 16 : 8);
            } else {
                on_stack(s, loc, n, sz, sz == 16 ? 16 : 8);
            }
        }
        return true;
    default:
        return false;
    }
}

static bool place_ret(LLVMTypeRef t, ValueLoc *loc)
{
    unsigned n, i;
    Class c;

    if (LLVMGetTypeKind(t) == LLVMVoidTypeKind) {
        loc->n = 0;
        return true;
    }
    c = classify(t, &n);
    switch (c) {
    case C_INT:
    case C_INTS:
    case C_I128:
        for (i = 0; i < n; i++) {
            loc->p[i] = (Piece) { PIECE_X, i, 0 };
        }
        loc->n = n;
        return true;
    case C_FP:
    case C_HFA:
        for (i = 0; i < n; i++) {
            loc->p[i] = (Piece) { PIECE_V, i, 0 };
        }
        loc->n = n;
        return true;
    default:
        return false;
    }
}

bool aapcs64_layout(LLVMTypeRef fnty, int sret_arg, CallLayout *out,
                    const char **why)
{
    unsigned n = LLVMCountParamTypes(fnty), i;
    LLVMTypeRef params[64];
    State s = { 0, 0, 0 };

    if (n > 64) {
        *why = "too many parameters";
        return false;
    }
    LLVMGetParamTypes(fnty, params);
    out->nargs = n;
    if (!place_ret(LLVMGetReturnType(fnty), &out->ret)) {
        *why = "its return type is not supported by the bridges";
        return false;
    }
    for (i = 0; i < n; i++) {
        if ((int)i == sret_arg &&
            LLVMGetTypeKind(params[i]) == LLVMPointerTypeKind) {
            out->args[i].n = 1;
            out->args[i].p[0] = (Piece) { PIECE_X8, 8, 0 };
            continue;
        }
        if (!place_arg(&s, params[i], &out->args[i])) {
            *why = "a parameter type is not supported by the bridges";
            return false;
        }
    }
    out->stack_size = s.nsaa;
    if (s.nsaa > OFFLOAD_MAX_STACK_WORDS * 8) {
        *why = "too many stack arguments";
        return false;
    }
    return true;
}

/* ---- moving values between IR and the register block ---- */

static LLVMValueRef byte_ptr(LLVMBuilderRef b, LLVMValueRef base,
                             unsigned off)
{
    LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(base));
    LLVMValueRef idx = LLVMConstInt(LLVMInt64TypeInContext(ctx), off, 0);

    return LLVMBuildGEP2(b, LLVMInt8TypeInContext(ctx), base, &idx, 1, "");
}

static LLVMValueRef piece_ptr(LLVMBuilderRef b, const Piece *p,
                              LLVMValueRef regs, LLVMValueRef stack)
{
    switch (p->kind) {
    case PIECE_X:
        return byte_ptr(b, regs, regs_x_offset(p->reg));
    case PIECE_X8:
        return byte_ptr(b, regs, regs_x8_offset());
    case PIECE_V:
        return byte_ptr(b, regs, regs_v_offset(p->reg));
    default:
        return byte_ptr(b, stack, p->off);
    }
}

static LLVMValueRef load_leaf(LLVMBuilderRef b, LLVMTypeRef t, const Piece *p,
                              LLVMValueRef regs, LLVMValueRef stack)
{
    LLVMContextRef ctx = LLVMGetTypeContext(t);
    LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
    LLVMValueRef addr = piece_ptr(b, p, regs, stack), v;

    if (p->kind != PIECE_X && p->kind != PIECE_X8) {
        v = LLVMBuildLoad2(b, t, addr, "");
        LLVMSetAlignment(v, 1);
        return v;
    }
    v = LLVMBuildLoad2(b, i64, addr, "");
    if (LLVMGetTypeKind(t) == LLVMPointerTypeKind) {
        return LLVMBuildIntToPtr(b, v, t, "");
    }
    if (LLVMGetIntTypeWidth(t) < 64) {
        return LLVMBuildTrunc(b, v, t, "");
    }
    return v;
}

static void store_leaf(LLVMBuilderRef b, LLVMValueRef v, const Piece *p,
                       LLVMValueRef regs, LLVMValueRef stack)
{
    LLVMTypeRef t = LLVMTypeOf(v);
    LLVMContextRef ctx = LLVMGetTypeContext(t);
    LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
    LLVMValueRef addr = piece_ptr(b, p, regs, stack), st;

    if (p->kind == PIECE_V) {
        /* Like an FP/SIMD write: the rest of the register is zero. */
        LLVMTypeRef i128 = LLVMIntTypeInContext(ctx, 128);

        st = LLVMBuildStore(b, LLVMConstNull(i128), addr);
        LLVMSetAlignment(st, 1);
    }
    if (p->kind == PIECE_X || p->kind == PIECE_X8) {
        if (LLVMGetTypeKind(t) == LLVMPointerTypeKind) {
            v = LLVMBuildPtrToInt(b, v, i64, "");
        } else if (LLVMGetIntTypeWidth(t) < 64) {
            v = LLVMBuildZExt(b, v, i64, "");
        }
    }
    st = LLVMBuildStore(b, v, addr);
    LLVMSetAlignment(st, 1);
}

LLVMValueRef aapcs64_load(LLVMBuilderRef b, LLVMTypeRef t, const ValueLoc *loc,
                          LLVMValueRef regs, LLVMValueRef stack)
{
    LLVMContextRef ctx = LLVMGetTypeContext(t);
    LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx), elem;
    LLVMValueRef agg;
    unsigned i;

    if (LLVMGetTypeKind(t) == LLVMIntegerTypeKind &&
        LLVMGetIntTypeWidth(t) == 128) {
        LLVMValueRef lo = load_leaf(b, i64, &loc->p[0], regs, stack);
        LLVMValueRef hi = load_leaf(b, i64, &loc->p[1], regs, stack);

        lo = LLVMBuildZExt(b, lo, t, "");
        hi = LLVMBuildShl(b, LLVMBuildZExt(b, hi, t, ""),
                          LLVMConstInt(t, 64, 0), "");
        return LLVMBuildOr(b, lo, hi, "");
    }
    if (LLVMGetTypeKind(t) != LLVMArrayTypeKind &&
        LLVMGetTypeKind(t) != LLVMStructTypeKind) {
        return load_leaf(b, t, &loc->p[0], regs, stack);
    }
    aggregate(t, &elem);
    agg = LLVMGetUndef(t);
    for (i = 0; i < loc->n; i++) {
        agg = LLVMBuildInsertValue(b, agg,
                                   load_leaf(b, elem, &loc->p[i], regs, stack),
                                   i, "");
    }
    return agg;
}

void aapcs64_store(LLVMBuilderRef b, LLVMValueRef v, const ValueLoc *loc,
                   LLVMValueRef regs, LLVMValueRef stack)
{
    LLVMTypeRef t = LLVMTypeOf(v);
    LLVMContextRef ctx = LLVMGetTypeContext(t);
    LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
    unsigned i;

    if (LLVMGetTypeKind(t) == LLVMIntegerTypeKind &&
        LLVMGetIntTypeWidth(t) == 128) {
        store_leaf(b, LLVMBuildTrunc(b, v, i64, ""), &loc->p[0], regs, stack);
        store_leaf(b, LLVMBuildTrunc(b, LLVMBuildLShr(b, v,
                   LLVMConstInt(t, 64, 0), ""), i64, ""), &loc->p[1], regs,
                   stack);
        return;
    }
    if (LLVMGetTypeKind(t) != LLVMArrayTypeKind &&
        LLVMGetTypeKind(t) != LLVMStructTypeKind) {
        store_leaf(b, v, &loc->p[0], regs, stack);
        return;
    }
    for (i = 0; i < loc->n; i++) {
        store_leaf(b, LLVMBuildExtractValue(b, v, i, ""), &loc->p[i], regs,
                   stack);
    }
}
