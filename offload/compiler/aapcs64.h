/*
 * qemu-offload-cc: the AAPCS64 calling convention, on clang's lowered IR.
 *
 * clang has already lowered C types for aarch64: a small struct is an
 * i64 or [2 x i64], a homogeneous floating-point aggregate an array (or,
 * returned, a struct) of float or double, a large struct a pointer to a
 * copy, a returned large struct an sret pointer.  What is left is where
 * each IR-level argument goes: x0-x7, v0-v7, x8 or a stack slot.  Both
 * directions use this: bridges read a guest call's arguments from there,
 * host-to-guest stubs put them there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_AAPCS64_H
#define OFFLOAD_AAPCS64_H

#include <stdbool.h>
#include <llvm-c/Core.h>

typedef enum PieceKind { PIECE_X, PIECE_X8, PIECE_V, PIECE_STACK } PieceKind;

/* One scalar part of a value and where it lives. */
typedef struct Piece {
    PieceKind kind;
    unsigned reg;          /* x or v register number */
    unsigned off;          /* PIECE_STACK: byte offset from the stack pointer */
} Piece;

#define MAX_PIECES 4

typedef struct ValueLoc {
    unsigned n;
    Piece p[MAX_PIECES];
} ValueLoc;

typedef struct CallLayout {
    unsigned nargs;
    ValueLoc args[64];
    ValueLoc ret;          /* n == 0: void */
    unsigned stack_size;   /* bytes of stack arguments */
} CallLayout;

/*
 * Assign locations for a call of function type fnty; sret_arg is the
 * index of the sret parameter, or -1.  Returns false with *why set when
 * a type is not one the bridges support.
 */
bool aapcs64_layout(LLVMTypeRef fnty, int sret_arg, CallLayout *out,
                    const char **why);

/* half, float or double: a value of a v register's low lanes. */
bool is_fp_scalar(LLVMTypeRef t);

/* Offsets in OffloadRegs. */
unsigned regs_x_offset(unsigned reg);
unsigned regs_x8_offset(void);
unsigned regs_v_offset(unsigned reg);
unsigned regs_sp_offset(void);
unsigned regs_nstack_offset(void);
unsigned regs_stack_offset(void);
unsigned regs_size(void);

/*
 * Read the value of type t from loc (base: OffloadRegs pointer; stack:
 * pointer to the first stack argument), and the reverse.
 */
LLVMValueRef aapcs64_load(LLVMBuilderRef b, LLVMTypeRef t, const ValueLoc *loc,
                          LLVMValueRef regs, LLVMValueRef stack);
void aapcs64_store(LLVMBuilderRef b, LLVMValueRef v, const ValueLoc *loc,
                   LLVMValueRef regs, LLVMValueRef stack);

#endif
