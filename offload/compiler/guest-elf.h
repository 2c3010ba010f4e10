/*
 * qemu-offload-cc: what the compiler needs from the built guest ELF.
 *
 * The guest program is the other half of the contract: native code is
 * only valid for the exact guest it was built against.  This file reads
 * that ELF (aarch64, 64-bit, little-endian): its symbols, grouped by the
 * source file that defined the local ones, the PLT entries of a dynamic
 * guest, its build-id and the bytes of its functions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_GUEST_ELF_H
#define OFFLOAD_GUEST_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum GuestSymKind {
    GSYM_FUNC,
    GSYM_OBJECT,
    GSYM_IFUNC,          /* resolved at run time: its value is the resolver */
    GSYM_TLS,
    GSYM_OTHER,
} GuestSymKind;

typedef struct GuestSym {
    const char *name;
    const char *file;    /* local symbols: basename of their STT_FILE */
    uint64_t value;
    uint64_t size;
    GuestSymKind kind;
    bool local;
} GuestSym;

typedef struct GuestElf {
    const char *path;
    const uint8_t *map;
    size_t map_size;
    bool is_dyn;                 /* ET_DYN: position independent */
    uint8_t build_id[32];
    unsigned build_id_len;
    GuestSym *syms;
    size_t nsyms;
    /* Dynamic guests: PLT entry address of each imported function. */
    GuestSym *plt;
    size_t nplt;
} GuestElf;

/* Returns NULL and prints why when path is not a usable aarch64 ELF. */
GuestElf *guest_elf_open(const char *path);

/* A global or weak defined symbol of one of the kinds in mask (1 << kind). */
const GuestSym *guest_elf_global(const GuestElf *g, const char *name,
                                 unsigned mask);
/* The local symbol name defined by source file file (a basename). */
const GuestSym *guest_elf_local(const GuestElf *g, const char *file,
                                const char *name, unsigned mask);
/*
 * A function-scope static var of file: GCC names it "var.N".  Returns it
 * only when exactly one such symbol exists; *ambiguous says if several do.
 */
const GuestSym *guest_elf_local_static(const GuestElf *g, const char *file,
                                       const char *var, bool *ambiguous);
/* The PLT entry of an imported function (dynamic guests). */
const GuestSym *guest_elf_plt(const GuestElf *g, const char *name);

/* The file bytes of [vaddr, vaddr + size), or NULL if not all in the file. */
const uint8_t *guest_elf_bytes(const GuestElf *g, uint64_t vaddr,
                               uint64_t size);

/*
 * True if the code contains a fused multiply-add (scalar FMADD family or
 * vector FMLA/FMLS): the guest compiler contracted a*b+c, which native
 * code built with -ffp-contract=off would round differently.
 */
bool guest_code_has_fma(const uint8_t *code, uint64_t size);

#endif
