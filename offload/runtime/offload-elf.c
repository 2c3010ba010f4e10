/*
 * Offload run time: reading ELF files safely, and checking an offload
 * object before ld.so sees it.
 *
 * Owns every read of the two files -offload involves (the guest program
 * and the object) and the decision whether dlopen() may be given the
 * object.  ld.so trusts what an ELF file says: a segment past the end of
 * the file, a table outside the mappings, a relocation aimed at a
 * read-only page or an init function outside the code crashes it (in
 * qemu-aarch64's process, before any guest code runs), and some
 * inconsistencies end in an assert() inside ld.so.  So the object is
 * read here the way ld.so will see it, as the memory image its PT_LOAD
 * segments make, and refused unless:
 *
 *   - it is a regular file holding an ELF64 little-endian x86-64 ET_DYN
 *     whose program headers lie in the file;
 *   - its PT_LOAD segments (at most OFFLOAD_ELF_MAX_LOADS) are readable,
 *     lie in the file, have p_filesz <= p_memsz (equal unless writable), a
 *     power-of-two alignment between the host page size and MAX_ALIGN
 *     that p_vaddr - p_offset respects, ascend in memory without sharing
 *     a page and in the file without sharing a byte, and span at most
 *     MAX_SPAN bytes;
 *   - every other segment ld.so reads (PT_DYNAMIC, PT_PHDR, PT_GNU_RELRO,
 *     notes, PT_GNU_EH_FRAME) is inside one PT_LOAD (a writable one for
 *     PT_DYNAMIC, which ld.so rewrites), PT_PHDR is where the program
 *     headers are mapped, notes are well formed, and there is no PT_TLS
 *     and no executable stack;
 *   - the dynamic section ends with DT_NULL inside its segment, has no
 *     repeated tag but DT_NEEDED, no DT_REL or text relocations,
 *     and every group of tags ld.so uses together is complete (it
 *     dereferences the partner of DT_RELA, DT_PLTREL, DT_INIT_ARRAY ...
 *     without looking);
 *   - every table it names (strings, symbols, hash, versions,
 *     relocations) lies in the file-backed part of one PT_LOAD, with the
 *     entry sizes ld.so assumes, overlapping neither another table nor
 *     the ELF header; the string table ends with a NUL and every string
 *     offset is inside it; no relocation table is empty;
 *   - the hash chains end inside their table (which bounds the dynamic
 *     symbol count, as ld.so sees it), every symbol's name is in the
 *     string table and no symbol is an IFUNC (ld.so would call it) or
 *     thread-local; version records stay inside their segment, name
 *     DT_NEEDED libraries (ld.so asserts it), and every DT_VERSYM index
 *     is a defined version;
 *   - every relocation is one ld.so applies without calling into the
 *     object (NONE, 64, GLOB_DAT, JUMP_SLOT, RELATIVE; only JUMP_SLOT in
 *     DT_JMPREL; DT_RELR decoded as RELATIVE ones), writes inside a
 *     writable PT_LOAD and names a symbol below the symbol count;
 *     DT_RELACOUNT counts leading R_X86_64_RELATIVE entries (ld.so
 *     applies that many as such without looking at their type);
 *   - DT_INIT/DT_FINI are in an executable segment, and every init/fini
 *     array slot is set by exactly one relocation, to an address in an
 *     executable segment (R_X86_64_RELATIVE, or R_X86_64_64 against a
 *     symbol the object defines).
 *
 * Invariants: every offset, address and size that comes from the file
 * is checked with offload_range_in() or a checked addition before it is
 * used, so no sum wraps; nothing is read but the bytes a check needs,
 * each with pread() on a regular file; the checks stop at the first
 * problem, whose description is the refusal's reason.
 *
 * This file reads the files and checks the header and the segments; the
 * dynamic section and what it names are offload-elf-dyn.c's, through
 * offload-elf-internal.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/offload/runtime/offload-elf-internal.h"

/* ---- regular files, read in bounded pieces ---------------------------- */

/* Why a file of mode @mode is not read, or NULL for a regular file. */
static const char *not_regular(mode_t mode)
{
    if (S_ISREG(mode)) {
        return NULL;
    }
    return S_ISDIR(mode) ? "is a directory" : "not a regular file";
}

const char *offload_file_open(const char *path, OffloadFile *f)
{
    struct stat st;
    const char *why;

    f->fd = -1;
    if (!path) {
        return "no file name";
    }
    /* Opening some devices does something (a watchdog starts): look first. */
    if (stat(path, &st) != 0) {
        return strerror(errno);
    }
    why = not_regular(st.st_mode);
    if (why) {
        return why;
    }
    /* O_NONBLOCK: should it have become a FIFO, do not wait for a writer. */
    f->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (f->fd < 0) {
        return strerror(errno);
    }
    if (fstat(f->fd, &st) != 0) {
        offload_file_close(f);
        return "cannot stat the file";
    }
    why = not_regular(st.st_mode);
    if (why) {
        offload_file_close(f);
        return why;
    }
    f->size = st.st_size;
    return NULL;
}

void offload_file_close(OffloadFile *f)
{
    if (f->fd >= 0) {
        close(f->fd);
        f->fd = -1;
    }
}

bool offload_file_read(const OffloadFile *f, uint64_t off, uint64_t len,
                       void *dst)
{
    uint8_t *p = dst;

    if (!offload_range_in(off, len, f->size)) {
        return false;
    }
    while (len) {
        ssize_t n = pread(f->fd, p, MIN(len, 1u << 30), off);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;       /* an error, or the file shrank */
        }
        p += n;
        off += n;
        len -= n;
    }
    return true;
}


/* ---- ELF header and program headers ----------------------------------- */

static bool check_header(Obj *o)
{
    Elf64_Ehdr *eh = &o->eh;
    uint64_t phsize;

    if (o->file.size < SELFMAG ||
        !offload_file_read(&o->file, 0, MIN(o->file.size, sizeof(*eh)), eh) ||
        memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
        return fail(o, "not an ELF file");
    }
    if (o->file.size < sizeof(*eh)) {
        return fail(o, "truncated ELF file (%" PRIu64 " bytes)",
                    o->file.size);
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB ||
        eh->e_ident[EI_VERSION] != EV_CURRENT ||
        eh->e_machine != EM_X86_64 || eh->e_type != ET_DYN) {
        return fail(o, "not an x86-64 shared object");
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phnum == PN_XNUM) {
        return fail(o, "bad program header table (e_phentsize %u, "
                    "e_phnum %u)", eh->e_phentsize, eh->e_phnum);
    }
    phsize = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (!offload_range_in(eh->e_phoff, phsize, o->file.size)) {
        return fail(o, "truncated ELF file: program headers at %" PRIu64
                    " + %" PRIu64 " bytes, file of %" PRIu64 " bytes",
                    (uint64_t)eh->e_phoff, phsize, o->file.size);
    }
    o->ph = g_new(Elf64_Phdr, eh->e_phnum);
    if (!offload_file_read(&o->file, eh->e_phoff, phsize, o->ph)) {
        return fail(o, "cannot read the program headers");
    }
    return true;
}

/* One PT_LOAD on its own: in the file, sane sizes and alignment. */
static bool check_load(Obj *o, int i, const Elf64_Phdr *ph)
{
    uint64_t end;

    if (!offload_range_in(ph->p_offset, ph->p_filesz, o->file.size)) {
        return fail(o, "truncated ELF file: segment %d needs bytes %" PRIu64
                    " + %" PRIu64 " of %" PRIu64, i, (uint64_t)ph->p_offset,
                    (uint64_t)ph->p_filesz, o->file.size);
    }
    if (ph->p_filesz > ph->p_memsz) {
        return fail(o, "segment %d: file size above memory size", i);
    }
    /*
     * Linkers give only writable segments a zero-filled tail (.bss): in
     * code or constants it would be bytes cut off.
     */
    if (!(ph->p_flags & PF_R) ||
        (!(ph->p_flags & PF_W) && ph->p_filesz != ph->p_memsz)) {
        return fail(o, "segment %d: unreadable, or read-only and not all "
                    "in the file", i);
    }
    if (!add_ok(ph->p_vaddr, ph->p_memsz, &end) || end > MAX_VADDR) {
        return fail(o, "segment %d: address out of range", i);
    }
    if (!is_pow2(ph->p_align) || ph->p_align < o->page ||
        ph->p_align > MAX_ALIGN ||
        ((ph->p_vaddr - ph->p_offset) & (ph->p_align - 1))) {
        return fail(o, "segment %d: bad alignment 0x%" PRIx64, i,
                    (uint64_t)ph->p_align);
    }
    return true;
}

/* The PT_LOADs together: ascending, no shared page, a bounded span. */
static bool check_load_layout(Obj *o)
{
    uint64_t first, last;

    if (!o->nload) {
        return fail(o, "no PT_LOAD segment");
    }
    for (int i = 1; i < o->nload; i++) {
        const Elf64_Phdr *a = &o->load[i - 1], *b = &o->load[i];

        /* Linkers map each byte of the file once, in order. */
        if (ROUND_UP(a->p_vaddr + a->p_memsz, o->page) >
            ROUND_DOWN(b->p_vaddr, o->page) ||
            a->p_offset + a->p_filesz > b->p_offset) {
            return fail(o, "PT_LOAD segments overlap or are not in "
                        "ascending order");
        }
    }
    first = ROUND_DOWN(o->load[0].p_vaddr, o->page);
    last = ROUND_UP(o->load[o->nload - 1].p_vaddr +
                    o->load[o->nload - 1].p_memsz, o->page);
    if (last - first > MAX_SPAN) {
        return fail(o, "PT_LOAD segments span 0x%" PRIx64 " bytes",
                    last - first);
    }
    return true;
}

/* Notes as ld.so walks them: each header, name and desc inside. */
static bool check_notes(Obj *o, const Elf64_Phdr *ph)
{
    uint64_t align = ph->p_align == 8 ? 8 : 4;
    g_autofree uint8_t *buf = NULL;
    uint64_t off = 0;

    if (!ph->p_memsz) {
        return true;
    }
    buf = dup_image(o, ph->p_vaddr, ph->p_memsz);
    if (!buf) {
        return fail(o, "a note segment is not in the file");
    }
    while (ph->p_memsz - off >= sizeof(Elf64_Nhdr)) {
        const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(buf + off);
        /* gABI: desc and the next note start aligned from the header. */
        uint64_t desc = ROUND_UP(sizeof(*nh) + (uint64_t)nh->n_namesz, align);
        uint64_t size = ROUND_UP(desc + nh->n_descsz, align);

        if (size > ph->p_memsz - off) {
            return fail(o, "malformed note");
        }
        off += size;
    }
    return true;
}

/*
 * PT_PHDR: ld.so hands its address to dl_iterate_phdr() callers (this
 * run time among them) as the program headers: it must be where the
 * headers read from the file are mapped.
 */
static bool check_phdr_segment(Obj *o, const Elf64_Phdr *ph)
{
    uint64_t phsize = (uint64_t)o->eh.e_phnum * sizeof(Elf64_Phdr);
    const Elf64_Phdr *l = load_of(o, ph->p_vaddr, phsize);

    if (ph->p_offset != o->eh.e_phoff || ph->p_filesz != phsize || !l ||
        !offload_range_in(ph->p_vaddr - l->p_vaddr, phsize, l->p_filesz) ||
        ph->p_vaddr - l->p_vaddr != ph->p_offset - l->p_offset) {
        return fail(o, "PT_PHDR is not where the program headers are "
                    "mapped");
    }
    return true;
}

/* A segment other than PT_LOAD that ld.so reads. */
static bool check_other_segment(Obj *o, int i, const Elf64_Phdr *ph)
{
    switch (ph->p_type) {
    case PT_TLS:
        return fail(o, "thread-local storage (PT_TLS) is not supported");
    case PT_GNU_STACK:
        if (ph->p_flags & PF_X) {
            return fail(o, "the object asks for an executable stack");
        }
        return true;
    case PT_PHDR:
        return check_phdr_segment(o, ph);
    case PT_DYNAMIC:
        /* ld.so adds the load bias to the entries in place. */
        if (!mapped(o, ph->p_vaddr, ph->p_memsz, PF_W)) {
            return fail(o, "the dynamic section is not in a writable "
                        "PT_LOAD segment");
        }
        return true;
    case PT_GNU_RELRO:
    case PT_GNU_EH_FRAME:
        if (!load_of(o, ph->p_vaddr, ph->p_memsz)) {
            return fail(o, "segment %d (type 0x%x) is outside the PT_LOAD "
                        "segments", i, ph->p_type);
        }
        return true;
    case PT_NOTE:
    case PT_GNU_PROPERTY:
        return check_notes(o, ph);
    default:
        return true;            /* ld.so ignores it */
    }
}

static bool check_segments(Obj *o)
{
    int ndynamic = 0;

    for (int i = 0; i < o->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &o->ph[i];

        if (ph->p_type != PT_LOAD) {
            continue;
        }
        if (o->nload == OFFLOAD_ELF_MAX_LOADS) {
            return fail(o, "more than %d PT_LOAD segments",
                        OFFLOAD_ELF_MAX_LOADS);
        }
        if (!check_load(o, i, ph)) {
            return false;
        }
        o->load[o->nload++] = *ph;
    }
    if (!check_load_layout(o)) {
        return false;
    }
    for (int i = 0; i < o->eh.e_phnum; i++) {
        if (o->ph[i].p_type != PT_LOAD &&
            !check_other_segment(o, i, &o->ph[i])) {
            return false;
        }
        ndynamic += o->ph[i].p_type == PT_DYNAMIC;
    }
    if (ndynamic != 1) {
        return fail(o, "%d PT_DYNAMIC segments", ndynamic);
    }
    return true;
}


/* ---- the whole check -------------------------------------------------- */

char *offload_elf_check_object(const char *path)
{
    Obj o = { .page = qemu_real_host_page_size() };
    const char *err = offload_file_open(path, &o.file);

    if (err) {
        return g_strdup(err);
    }
    if (check_header(&o) && check_segments(&o) &&
        offload_elf_read_dynamic(&o) && offload_elf_check_dyn_tags(&o) &&
        offload_elf_check_strings(&o) && offload_elf_check_symbols(&o) &&
        offload_elf_check_versions(&o) && offload_elf_check_relocs(&o) &&
        offload_elf_check_overlaps(&o)) {
        offload_elf_check_init_fini(&o);
    }
    offload_file_close(&o.file);
    g_free(o.ph);
    g_free(o.dyn);
    g_free(o.strtab);
    g_free(o.syms);
    for (int t = 0; t < 3; t++) {
        g_free(o.rela[t]);
    }
    return o.why;
}
