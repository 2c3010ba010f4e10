/*
 * qemu-offload-cc: reading the guest ELF (see guest-elf.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest-elf.h"

#define PLT0_SIZE 32       /* aarch64 PLT header */
#define PLT_ENTRY_SIZE 16

static const Elf64_Shdr *shdr(const GuestElf *g, unsigned i)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;

    return (const Elf64_Shdr *)(g->map + eh->e_shoff) + i;
}

static bool in_file(const GuestElf *g, uint64_t off, uint64_t size)
{
    return off <= g->map_size && size <= g->map_size - off;
}

static const char *basename_of(const char *p)
{
    const char *s = strrchr(p, '/');

    return s ? s + 1 : p;
}

static GuestSymKind sym_kind(unsigned char info)
{
    switch (ELF64_ST_TYPE(info)) {
    case STT_FUNC:
        return GSYM_FUNC;
    case STT_OBJECT:
    case STT_COMMON:
        return GSYM_OBJECT;
    case STT_GNU_IFUNC:
        return GSYM_IFUNC;
    case STT_TLS:
        return GSYM_TLS;
    default:
        return GSYM_OTHER;
    }
}

/* Append the defined symbols of one symbol table; locals get their file. */
static bool read_symtab(GuestElf *g, const Elf64_Shdr *sh)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;
    const Elf64_Shdr *strsh;
    const char *file = NULL;
    size_t n, i;

    if (sh->sh_link >= eh->e_shnum || sh->sh_entsize != sizeof(Elf64_Sym) ||
        !in_file(g, sh->sh_offset, sh->sh_size)) {
        return false;
    }
    strsh = shdr(g, sh->sh_link);
    if (!in_file(g, strsh->sh_offset, strsh->sh_size) || !strsh->sh_size) {
        return false;
    }
    n = sh->sh_size / sizeof(Elf64_Sym);
    g->syms = realloc(g->syms, (g->nsyms + n) * sizeof(GuestSym));
    for (i = 1; i < n; i++) {
        const Elf64_Sym *s = (const Elf64_Sym *)(g->map + sh->sh_offset) + i;
        const char *name;

        if (s->st_name >= strsh->sh_size) {
            return false;
        }
        name = (const char *)g->map + strsh->sh_offset + s->st_name;
        if (memchr(name, 0, strsh->sh_size - s->st_name) == NULL) {
            return false;
        }
        if (ELF64_ST_TYPE(s->st_info) == STT_FILE) {
            file = basename_of(name);
            continue;
        }
        if (s->st_shndx == SHN_UNDEF || !*name) {
            continue;
        }
        g->syms[g->nsyms++] = (GuestSym) {
            .name = name,
            .file = ELF64_ST_BIND(s->st_info) == STB_LOCAL ? file : NULL,
            .value = s->st_value,
            .size = s->st_size,
            .kind = sym_kind(s->st_info),
            .local = ELF64_ST_BIND(s->st_info) == STB_LOCAL,
        };
    }
    return true;
}

/* .rela.plt entry i belongs to PLT entry i (aarch64 lazy PLT layout). */
static bool read_plt(GuestElf *g, const Elf64_Shdr *rela, const Elf64_Shdr *plt)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;
    const Elf64_Shdr *dynsym, *dynstr;
    size_t n, i;

    if (rela->sh_link >= eh->e_shnum || rela->sh_entsize != sizeof(Elf64_Rela)
        || !in_file(g, rela->sh_offset, rela->sh_size)) {
        return false;
    }
    dynsym = shdr(g, rela->sh_link);
    if (dynsym->sh_type != SHT_DYNSYM) {
        return true;        /* a static program's IRELATIVE slots: no PLT0 */
    }
    if (dynsym->sh_link >= eh->e_shnum ||
        !in_file(g, dynsym->sh_offset, dynsym->sh_size)) {
        return false;
    }
    dynstr = shdr(g, dynsym->sh_link);
    if (!in_file(g, dynstr->sh_offset, dynstr->sh_size)) {
        return false;
    }
    n = rela->sh_size / sizeof(Elf64_Rela);
    if (PLT0_SIZE + n * PLT_ENTRY_SIZE > plt->sh_size) {
        return false;
    }
    g->plt = calloc(n, sizeof(GuestSym));
    for (i = 0; i < n; i++) {
        const Elf64_Rela *r = (const Elf64_Rela *)(g->map + rela->sh_offset) + i;
        size_t si = ELF64_R_SYM(r->r_info);
        const Elf64_Sym *s;

        if (ELF64_R_TYPE(r->r_info) != R_AARCH64_JUMP_SLOT ||
            (si + 1) * sizeof(Elf64_Sym) > dynsym->sh_size) {
            continue;
        }
        s = (const Elf64_Sym *)(g->map + dynsym->sh_offset) + si;
        if (s->st_name >= dynstr->sh_size) {
            continue;
        }
        g->plt[g->nplt++] = (GuestSym) {
            .name = (const char *)g->map + dynstr->sh_offset + s->st_name,
            .value = plt->sh_addr + PLT0_SIZE + i * PLT_ENTRY_SIZE,
            .size = PLT_ENTRY_SIZE,
            .kind = GSYM_FUNC,
        };
    }
    return true;
}

static void read_build_id(GuestElf *g, const Elf64_Shdr *sh)
{
    uint64_t off = sh->sh_offset, end = sh->sh_offset + sh->sh_size;

    while (off + sizeof(Elf64_Nhdr) <= end && in_file(g, off, 12)) {
        const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(g->map + off);
        uint64_t name = off + sizeof(*nh);
        uint64_t desc = name + ((nh->n_namesz + 3) & ~3u);

        if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
            in_file(g, desc, nh->n_descsz) &&
            !memcmp(g->map + name, "GNU", 4) &&
            nh->n_descsz <= sizeof(g->build_id)) {
            memcpy(g->build_id, g->map + desc, nh->n_descsz);
            g->build_id_len = nh->n_descsz;
            return;
        }
        off = desc + ((nh->n_descsz + 3) & ~3u);
    }
}

static bool check_header(const GuestElf *g)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;

    if (g->map_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
        fprintf(stderr, "qemu-offload-cc: %s: not an ELF file\n", g->path);
        return false;
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_AARCH64) {
        fprintf(stderr, "qemu-offload-cc: %s: not a 64-bit little-endian "
                "aarch64 ELF\n", g->path);
        return false;
    }
    if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
        eh->e_shentsize != sizeof(Elf64_Shdr) ||
        !in_file(g, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)) ||
        eh->e_phentsize != sizeof(Elf64_Phdr) ||
        !in_file(g, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)) ||
        eh->e_shstrndx >= eh->e_shnum) {
        fprintf(stderr, "qemu-offload-cc: %s: not an executable, or its "
                "headers are damaged\n", g->path);
        return false;
    }
    return true;
}

static const char *section_name(const GuestElf *g, const Elf64_Shdr *sh)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;
    const Elf64_Shdr *str = shdr(g, eh->e_shstrndx);

    if (sh->sh_name >= str->sh_size || !in_file(g, str->sh_offset,
                                                 str->sh_size)) {
        return "";
    }
    return (const char *)g->map + str->sh_offset + sh->sh_name;
}

GuestElf *guest_elf_open(const char *path)
{
    GuestElf *g = calloc(1, sizeof(*g));
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *rela_plt = NULL, *plt = NULL;
    bool have_symtab = false;
    struct stat st;
    unsigned i;
    int fd;

    g->path = path;
    fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(path);
        goto fail;
    }
    g->map_size = st.st_size;
    g->map = mmap(NULL, st.st_size ? st.st_size : 1, PROT_READ, MAP_PRIVATE,
                  fd, 0);
    close(fd);
    if (g->map == MAP_FAILED) {
        perror(path);
        goto fail;
    }
    if (!check_header(g)) {
        goto fail;
    }
    eh = (const Elf64_Ehdr *)g->map;
    g->is_dyn = eh->e_type == ET_DYN;
    for (i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *sh = shdr(g, i);
        const char *name = section_name(g, sh);

        if (sh->sh_type == SHT_SYMTAB) {
            if (!read_symtab(g, sh)) {
                goto damaged;
            }
            have_symtab = true;
        } else if (sh->sh_type == SHT_NOTE &&
                   in_file(g, sh->sh_offset, sh->sh_size)) {
            read_build_id(g, sh);
        } else if (!strcmp(name, ".rela.plt")) {
            rela_plt = sh;
        } else if (!strcmp(name, ".plt")) {
            plt = sh;
        }
    }
    /* A stripped guest still has its dynamic symbols. */
    for (i = 0; !have_symtab && i < eh->e_shnum; i++) {
        if (shdr(g, i)->sh_type == SHT_DYNSYM && !read_symtab(g, shdr(g, i))) {
            goto damaged;
        }
    }
    if (rela_plt && plt && !read_plt(g, rela_plt, plt)) {
        goto damaged;
    }
    if (!have_symtab) {
        fprintf(stderr, "qemu-offload-cc: warning: %s has no symbol table "
                "(stripped?): only exported functions can be bound\n", path);
    }
    return g;

damaged:
    fprintf(stderr, "qemu-offload-cc: %s: damaged symbol tables\n", path);
fail:
    free(g->syms);
    free(g);
    return NULL;
}

static bool kind_in(const GuestSym *s, unsigned mask)
{
    return mask & (1u << s->kind);
}

const GuestSym *guest_elf_global(const GuestElf *g, const char *name,
                                 unsigned mask)
{
    size_t i;

    for (i = 0; i < g->nsyms; i++) {
        if (!g->syms[i].local && kind_in(&g->syms[i], mask) &&
            !strcmp(g->syms[i].name, name)) {
            return &g->syms[i];
        }
    }
    return NULL;
}

const GuestSym *guest_elf_local(const GuestElf *g, const char *file,
                                const char *name, unsigned mask)
{
    const GuestSym *found = NULL;
    size_t i;

    for (i = 0; i < g->nsyms; i++) {
        const GuestSym *s = &g->syms[i];

        if (s->local && s->file && kind_in(s, mask) &&
            !strcmp(s->file, basename_of(file)) && !strcmp(s->name, name)) {
            if (found) {
                return NULL;            /* two files of the same name */
            }
            found = s;
        }
    }
    return found;
}

static bool is_static_instance(const char *sym, const char *var)
{
    size_t n = strlen(var);
    const char *p;

    if (strncmp(sym, var, n) || sym[n] != '.' || !sym[n + 1]) {
        return false;
    }
    for (p = sym + n + 1; *p; p++) {
        if (*p < '0' || *p > '9') {
            return false;
        }
    }
    return true;
}

const GuestSym *guest_elf_local_static(const GuestElf *g, const char *file,
                                       const char *var, bool *ambiguous)
{
    const GuestSym *found = NULL;
    size_t i;

    *ambiguous = false;
    for (i = 0; i < g->nsyms; i++) {
        const GuestSym *s = &g->syms[i];

        if (s->local && s->file && s->kind == GSYM_OBJECT &&
            !strcmp(s->file, basename_of(file)) &&
            is_static_instance(s->name, var)) {
            if (found) {
                *ambiguous = true;
                return NULL;
            }
            found = s;
        }
    }
    return found;
}

const GuestSym *guest_elf_plt(const GuestElf *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->nplt; i++) {
        if (!strcmp(g->plt[i].name, name)) {
            return &g->plt[i];
        }
    }
    return NULL;
}

const uint8_t *guest_elf_bytes(const GuestElf *g, uint64_t vaddr,
                               uint64_t size)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)g->map;
    unsigned i;

    for (i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(g->map + eh->e_phoff) + i;

        if (ph->p_type == PT_LOAD && vaddr >= ph->p_vaddr &&
            size <= ph->p_filesz && vaddr - ph->p_vaddr <= ph->p_filesz - size &&
            in_file(g, ph->p_offset + (vaddr - ph->p_vaddr), size)) {
            return g->map + ph->p_offset + (vaddr - ph->p_vaddr);
        }
    }
    return NULL;
}

bool guest_code_has_fma(const uint8_t *code, uint64_t size)
{
    uint64_t i;

    for (i = 0; i + 4 <= size; i += 4) {
        uint32_t insn;

        memcpy(&insn, code + i, 4);
        if ((insn & 0xff000000u) == 0x1f000000u ||    /* FMADD/FMSUB/FNM* */
            (insn & 0xbfa0fc00u) == 0x0e20cc00u ||    /* FMLA (vector) */
            (insn & 0xbfa0fc00u) == 0x0ea0cc00u ||    /* FMLS (vector) */
            (insn & 0xbfe0fc00u) == 0x0e400c00u ||    /* FMLA (vector, half) */
            (insn & 0xbfe0fc00u) == 0x0ec00c00u ||    /* FMLS (vector, half) */
            (insn & 0xbf80f400u) == 0x0f801000u ||    /* FMLA (by element) */
            (insn & 0xbf80f400u) == 0x0f805000u ||    /* FMLS (by element) */
            (insn & 0xdf80f400u) == 0x5f801000u ||    /* FMLA (scalar, elem) */
            (insn & 0xdf80f400u) == 0x5f805000u) {    /* FMLS (scalar, elem) */
            return true;
        }
    }
    return false;
}
