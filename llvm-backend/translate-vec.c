/*
 * Hybrid translator: vector ops (tcg/README, "Host vector operations").
 *
 * Owns translate_vec_op(): each TCG vector op on LLVM vectors of its
 * element size, read from and written to the vreg slots or temps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

/* The wide integer of a vector seen as lanes of 8 << vece bits. */
static LLVMTypeRef lanes_type(Tr *tr, LLVMTypeRef wide, unsigned vece)
{
    unsigned bits = 8 << vece;

    return LLVMVectorType(LLVMIntTypeInContext(tr->ctx, bits),
                          LLVMGetIntTypeWidth(wide) / bits);
}

static LLVMValueRef as_lanes(Tr *tr, LLVMValueRef v, LLVMTypeRef vt)
{
    return LLVMBuildBitCast(tr->b, v, vt, "");
}

static LLVMValueRef splat(Tr *tr, LLVMValueRef scalar, LLVMTypeRef vt)
{
    unsigned n = LLVMGetVectorSize(vt);
    LLVMTypeRef et = LLVMGetElementType(vt);
    LLVMValueRef v = LLVMGetUndef(vt);

    scalar = tr_fit(tr, scalar, et);
    for (unsigned k = 0; k < n; k++) {
        v = LLVMBuildInsertElement(tr->b, v, scalar,
                                   LLVMConstInt(tr->i32, k, 0), "");
    }
    return v;
}

/* A shift count for lanes of @vt: masked to the lane width. */
static LLVMValueRef lane_count(Tr *tr, LLVMValueRef c, LLVMTypeRef vt)
{
    LLVMTypeRef et = LLVMGetElementType(vt);
    LLVMValueRef m = LLVMConstInt(et, LLVMGetIntTypeWidth(et) - 1, 0);

    if (LLVMGetTypeKind(LLVMTypeOf(c)) == LLVMVectorTypeKind) {
        return LLVMBuildAnd(tr->b, c, splat(tr, m, vt), "");
    }
    return splat(tr, LLVMBuildAnd(tr->b, tr_fit(tr, c, et), m, ""), vt);
}

bool tr_translate_vec_op(Tr *tr, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    LLVMTypeRef wide = tr_tcg_type(tr, TCG_TYPE_V64 + op->param1);
    unsigned vece = op->param2;
    LLVMTypeRef vt = lanes_type(tr, wide, vece);
    LLVMBuilderRef b = tr->b;
    LLVMValueRef x, y, z, r = NULL;
    const char *sat = NULL;

#define VIN(n) as_lanes(tr, tr_get_as(tr, a[n], wide), vt)

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_mov_vec:
        return tr_set(tr, a[0], tr_get_as(tr, a[1], wide));
    case INDEX_op_dup_vec:
        r = splat(tr, tr_get(tr, a[1]), vt);
        break;
    case INDEX_op_ld_vec:
    case INDEX_op_st_vec:
    case INDEX_op_dupm_vec: {
        unsigned bytes = op->opc == INDEX_op_dupm_vec ? 1u << vece :
                         LLVMGetIntTypeWidth(wide) / 8;
        bool exit_check;
        int vr = tr_temp_of(tr, a[1])->kind == HT_ENV ?
                 tr_vreg_index(tr, a[2], bytes) : -1;
        LLVMValueRef p;

        if (op->opc == INDEX_op_st_vec && tr_temp_of(tr, a[1])->kind == HT_ENV &&
            tr_in_zero_span(tr, a[2], bytes)) {
            return true;                /* zero over zero (collect_vregs) */
        }
        if (vr >= 0) {
            if (op->opc == INDEX_op_st_vec) {
                tr_vreg_write(tr, vr, a[2], tr_get_as(tr, a[0], wide));
                return true;
            }
            x = tr_vreg_read(tr, vr, a[2], bytes);
            if (op->opc == INDEX_op_ld_vec) {
                return tr_set(tr, a[0], x);
            }
            r = splat(tr, x, vt);
            break;
        }
        p = tr_host_addr(tr, a[1], a[2], bytes, &exit_check);
        if (!p) {
            return false;
        }
        if (op->opc == INDEX_op_st_vec) {
            LLVMSetAlignment(LLVMBuildStore(b, tr_get_as(tr, a[0], wide), p), 1);
            if (tr_temp_of(tr, a[1])->kind != HT_ENV) {
                tr_reload_some(tr, false, true);
            }
            return true;
        }
        if (op->opc == INDEX_op_ld_vec) {
            x = LLVMBuildLoad2(b, wide, p, "");
            LLVMSetAlignment(x, 1);
            return tr_set(tr, a[0], x);
        }
        x = LLVMBuildLoad2(b, LLVMGetElementType(vt), p, "");
        LLVMSetAlignment(x, 1);
        r = splat(tr, x, vt);
        break;
    }

    case INDEX_op_and_vec:
        r = LLVMBuildAnd(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_or_vec:
        r = LLVMBuildOr(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_xor_vec:
        r = LLVMBuildXor(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_andc_vec:
        r = LLVMBuildAnd(b, VIN(1), LLVMBuildNot(b, VIN(2), ""), "");
        break;
    case INDEX_op_orc_vec:
        r = LLVMBuildOr(b, VIN(1), LLVMBuildNot(b, VIN(2), ""), "");
        break;
    case INDEX_op_nand_vec:
        r = LLVMBuildNot(b, LLVMBuildAnd(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_nor_vec:
        r = LLVMBuildNot(b, LLVMBuildOr(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_eqv_vec:
        r = LLVMBuildNot(b, LLVMBuildXor(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_not_vec:
        r = LLVMBuildNot(b, VIN(1), "");
        break;
    case INDEX_op_neg_vec:
        r = LLVMBuildNeg(b, VIN(1), "");
        break;
    case INDEX_op_abs_vec: {
        LLVMValueRef v[2] = { VIN(1), LLVMConstInt(tr->i1, 0, 0) };

        r = tr_call_intrinsic(tr, "llvm.abs", vt, v, 2);
        break;
    }
    case INDEX_op_add_vec:
        r = LLVMBuildAdd(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_sub_vec:
        r = LLVMBuildSub(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_mul_vec:
        r = LLVMBuildMul(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_ssadd_vec: sat = "llvm.sadd.sat"; break;
    case INDEX_op_usadd_vec: sat = "llvm.uadd.sat"; break;
    case INDEX_op_sssub_vec: sat = "llvm.ssub.sat"; break;
    case INDEX_op_ussub_vec: sat = "llvm.usub.sat"; break;
    case INDEX_op_smin_vec:  sat = "llvm.smin"; break;
    case INDEX_op_umin_vec:  sat = "llvm.umin"; break;
    case INDEX_op_smax_vec:  sat = "llvm.smax"; break;
    case INDEX_op_umax_vec:  sat = "llvm.umax"; break;

    case INDEX_op_shli_vec:
    case INDEX_op_shls_vec:
    case INDEX_op_shlv_vec:
    case INDEX_op_shri_vec:
    case INDEX_op_shrs_vec:
    case INDEX_op_shrv_vec:
    case INDEX_op_sari_vec:
    case INDEX_op_sars_vec:
    case INDEX_op_sarv_vec:
    case INDEX_op_rotli_vec:
    case INDEX_op_rotls_vec:
    case INDEX_op_rotlv_vec:
    case INDEX_op_rotrv_vec: {
        TCGOpcode o = op->opc;
        bool imm = o == INDEX_op_shli_vec || o == INDEX_op_shri_vec ||
                   o == INDEX_op_sari_vec || o == INDEX_op_rotli_vec;
        bool vecc = o == INDEX_op_shlv_vec || o == INDEX_op_shrv_vec ||
                    o == INDEX_op_sarv_vec || o == INDEX_op_rotlv_vec ||
                    o == INDEX_op_rotrv_vec;
        LLVMValueRef c = imm ? LLVMConstInt(tr->i64, a[2], 0) :
                         vecc ? VIN(2) : tr_get(tr, a[2]);

        x = VIN(1);
        y = lane_count(tr, c, vt);
        if (o == INDEX_op_shli_vec || o == INDEX_op_shls_vec ||
            o == INDEX_op_shlv_vec) {
            r = LLVMBuildShl(b, x, y, "");
        } else if (o == INDEX_op_shri_vec || o == INDEX_op_shrs_vec ||
                   o == INDEX_op_shrv_vec) {
            r = LLVMBuildLShr(b, x, y, "");
        } else if (o == INDEX_op_sari_vec || o == INDEX_op_sars_vec ||
                   o == INDEX_op_sarv_vec) {
            r = LLVMBuildAShr(b, x, y, "");
        } else {
            LLVMValueRef v[3] = { x, x, y };

            r = tr_call_intrinsic(tr, o == INDEX_op_rotrv_vec ? "llvm.fshr" :
                                  "llvm.fshl", vt, v, 3);
        }
        break;
    }

    case INDEX_op_cmp_vec:
        x = tr_cmp(tr, a[3], VIN(1), VIN(2));
        if (!x) {
            return false;
        }
        r = LLVMBuildSExt(b, x, vt, "");
        break;
    case INDEX_op_bitsel_vec:
        x = VIN(1);
        r = LLVMBuildOr(b, LLVMBuildAnd(b, VIN(2), x, ""),
                        LLVMBuildAnd(b, VIN(3), LLVMBuildNot(b, x, ""), ""), "");
        break;
    case INDEX_op_cmpsel_vec:
        x = tr_cmp(tr, a[5], VIN(1), VIN(2));
        if (!x) {
            return false;
        }
        r = LLVMBuildSelect(b, x, VIN(3), VIN(4), "");
        break;
    default:
        REJECT(tr, HYBRID_REJECT_UNHANDLED_VEC_OP);
    }
#undef VIN
    if (sat) {
        LLVMValueRef v[2];

        v[0] = as_lanes(tr, tr_get_as(tr, a[1], wide), vt);
        v[1] = as_lanes(tr, tr_get_as(tr, a[2], wide), vt);
        r = tr_call_intrinsic(tr, sat, vt, v, 2);
    }
    z = LLVMBuildBitCast(b, r, wide, "");
    return tr_set(tr, a[0], z);
}
