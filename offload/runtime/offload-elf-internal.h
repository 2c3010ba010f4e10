/*
 * Offload run time: what the two halves of the object check share
 * (offload-elf.c: the file, the ELF header and the segments, and the
 * driver; offload-elf-dyn.c: the dynamic section and everything it
 * names).  Private to them.
 *
 * The invariants of offload-elf.c's header hold for both: every offset,
 * address and size from the file is checked before it is used, and the
 * first problem found is the refusal's reason.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_OFFLOAD_RUNTIME_ELF_INTERNAL_H
#define HYBRID_OFFLOAD_RUNTIME_ELF_INTERNAL_H

#include <elf.h>
#include "hybrid/offload/runtime/offload-elf.h"

#define MAX_ALIGN       (2ull << 20)    /* a PT_LOAD's p_align */
#define MAX_SPAN        (1ull << 30)    /* bytes from first to last page */
#define MAX_VADDR       (1ull << 47)    /* a user-space address */
#define MAX_DYN         1024            /* dynamic entries */
#define MAX_VERSIONS    4096            /* version records walked */
#define MAX_INIT_SLOTS  4096            /* init + fini array entries */
#define MAX_RELR        (1u << 22)      /* words DT_RELR relocates */

/* ---- the object as ld.so will map it ---------------------------------- */

typedef struct Obj {
    OffloadFile file;
    char *why;                  /* the first problem found */
    uint64_t page;              /* host page size */
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;             /* e_phnum headers */
    Elf64_Phdr load[OFFLOAD_ELF_MAX_LOADS];
    int nload;
    Elf64_Dyn *dyn;             /* up to, not including, DT_NULL */
    int ndyn;
    char *strtab;
    uint64_t strsz;
    Elf64_Sym *syms;
    uint64_t nsyms;
    uint64_t gnu_hash_len, hash_len;    /* the tables' extents in bytes */
    Elf64_Rela *rela[3];        /* DT_RELA, DT_JMPREL, DT_RELR decoded */
    uint64_t nrela[3];
} Obj;

static inline bool G_GNUC_PRINTF(2, 3) fail(Obj *o, const char *fmt, ...)
{
    va_list ap;

    if (!o->why) {
        va_start(ap, fmt);
        o->why = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    return false;
}

static inline bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

static inline bool mul_ok(uint64_t a, uint64_t b, uint64_t *prod)
{
    return !__builtin_mul_overflow(a, b, prod);
}

/* The PT_LOAD whose memory holds [vaddr, vaddr + len), or NULL. */
static inline const Elf64_Phdr *load_of(const Obj *o, uint64_t vaddr, uint64_t len)
{
    for (int i = 0; i < o->nload; i++) {
        const Elf64_Phdr *ph = &o->load[i];

        if (vaddr >= ph->p_vaddr &&
            offload_range_in(vaddr - ph->p_vaddr, len, ph->p_memsz)) {
            return ph;
        }
    }
    return NULL;
}

/* Is [vaddr, vaddr + len) in one PT_LOAD with all of @flags? */
static inline bool mapped(const Obj *o, uint64_t vaddr, uint64_t len,
                   uint32_t flags)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, len);

    return ph && (ph->p_flags & flags) == flags;
}

/*
 * Read [vaddr, vaddr + len) of the image into @dst: the bytes must come
 * from the file (ld.so's tables never live in .bss, and this bounds
 * every read by the file's size).
 */
static inline bool read_image(const Obj *o, uint64_t vaddr, uint64_t len, void *dst)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, len);

    return ph && offload_range_in(vaddr - ph->p_vaddr, len, ph->p_filesz) &&
           offload_file_read(&o->file, ph->p_offset + (vaddr - ph->p_vaddr),
                             len, dst);
}

/* How many file-backed bytes of the image follow @vaddr in its PT_LOAD. */
static inline uint64_t image_left(const Obj *o, uint64_t vaddr)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, 0);

    if (!ph || vaddr - ph->p_vaddr > ph->p_filesz) {
        return 0;
    }
    return ph->p_filesz - (vaddr - ph->p_vaddr);
}

/* The same into a new buffer (g_free it), or NULL. */
static inline void *dup_image(const Obj *o, uint64_t vaddr, uint64_t len)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, len);
    void *buf;

    if (!ph || !offload_range_in(vaddr - ph->p_vaddr, len, ph->p_filesz)) {
        return NULL;
    }
    buf = g_malloc(MAX(len, 1));
    if (!read_image(o, vaddr, len, buf)) {
        g_free(buf);
        return NULL;
    }
    return buf;
}

static inline bool is_pow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

/* offload-elf-dyn.c: the checks after the segments, in the order run. */
bool offload_elf_read_dynamic(Obj *o);
bool offload_elf_check_dyn_tags(Obj *o);
bool offload_elf_check_strings(Obj *o);
bool offload_elf_check_symbols(Obj *o);
bool offload_elf_check_versions(Obj *o);
bool offload_elf_check_relocs(Obj *o);
bool offload_elf_check_overlaps(Obj *o);
bool offload_elf_check_init_fini(Obj *o);

#endif /* HYBRID_OFFLOAD_RUNTIME_ELF_INTERNAL_H */
