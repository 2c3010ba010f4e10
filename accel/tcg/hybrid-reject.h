/*
 * Hybrid translator: why a trace was rejected.
 *
 * The one table of reject reasons, HYBRID_REJECTS(X): X(id, text) makes
 * HYBRID_REJECT_<id> and the text -hybrid-stats prints for it.  A stage
 * that gives a trace up returns one of these; hybrid_note_reject()
 * (hybrid.c) counts it.  HYBRID_REJECT_NONE, 0, means "not rejected",
 * so a reason can be tested as a truth value.  No QEMU or LLVM types
 * here: the recorder, the TCG capture and the LLVM side all use it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_REJECT_H
#define HYBRID_ACCEL_TCG_REJECT_H

#define HYBRID_REJECTS(X)                                                    \
    /* Recording (accel/tcg/hybrid-record.c): TCG again on a block. */       \
    X(PAGE_MOVED, "code page moved")                                         \
    X(TRANSLATION_OVERFLOW, "translation overflow")                          \
    X(TRANSLATION_DIFFERS, "translation differs")                            \
    /* Capture of a block's ops (tcg/hybrid-capture.c). */                   \
    X(TEMP_TYPE, "temp of unknown type")                                     \
    X(VECTOR_GLOBAL, "vector global")                                        \
    X(INDIRECT_GLOBAL, "indirect global")                                    \
    X(FIXED_REG, "fixed register other than env")                            \
    X(PLUGIN, "plugin instrumentation")                                      \
    X(DUMMY_CALL_ARG, "dummy call argument")                                 \
    /* The optimizer (llvm-backend/optimizer.c). */                          \
    X(NO_JIT, "LLVM JIT unavailable")                                        \
    X(COMPILE_FAILED, "LLVM compile failed")                                 \
    /* The translator (llvm-backend/translate*.c). */                        \
    X(TOO_MANY_GLOBALS, "too many globals")                                  \
    X(RESTORE_MISMATCH, "restore table mismatch")                            \
    X(VERIFIER, "LLVM verifier rejected the function")                       \
    X(FALLS_OFF_END, "block falls off its end")                              \
    X(ENV_OVERLAP, "env access overlaps a global")                           \
    X(BSWAP_ACCESS, "byte-swapped guest access")                             \
    X(WIDE_ACCESS, "guest access wider than its value")                      \
    X(CALL_ARGS, "call with too many arguments or results")                  \
    X(CALL_RET_TYPE, "call return type")                                     \
    X(CALL_ARG_TYPE, "call argument type")                                   \
    X(WRITE_CONST, "write to a constant or env")                             \
    X(UNKNOWN_COND, "unknown condition")                                     \
    X(GOTO_TB_INDEX, "goto_tb index")                                        \
    X(DEPOSIT_FIELD, "deposit field")                                        \
    X(EXTRACT_FIELD, "extract field")                                        \
    X(SEXTRACT_FIELD, "sextract field")                                      \
    X(EXTRACT2_OFFSET, "extract2 offset")                                    \
    X(UNHANDLED_OP, "unhandled TCG op")                                      \
    X(UNHANDLED_VEC_OP, "unhandled vector op")

typedef enum HybridReject {
    HYBRID_REJECT_NONE,
#define HYBRID_REJECT_ENUM(id, text) HYBRID_REJECT_##id,
    HYBRID_REJECTS(HYBRID_REJECT_ENUM)
#undef HYBRID_REJECT_ENUM
    HYBRID_REJECT__COUNT
} HybridReject;

#endif /* HYBRID_ACCEL_TCG_REJECT_H */
