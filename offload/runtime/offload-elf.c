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
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include <elf.h>
#include "hybrid/offload/runtime/offload-elf.h"

#define MAX_ALIGN       (2ull << 20)    /* a PT_LOAD's p_align */
#define MAX_SPAN        (1ull << 30)    /* bytes from first to last page */
#define MAX_VADDR       (1ull << 47)    /* a user-space address */
#define MAX_DYN         1024            /* dynamic entries */
#define MAX_VERSIONS    4096            /* version records walked */
#define MAX_INIT_SLOTS  4096            /* init + fini array entries */
#define MAX_RELR        (1u << 22)      /* words DT_RELR relocates */

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

static bool G_GNUC_PRINTF(2, 3) fail(Obj *o, const char *fmt, ...)
{
    va_list ap;

    if (!o->why) {
        va_start(ap, fmt);
        o->why = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

static bool mul_ok(uint64_t a, uint64_t b, uint64_t *prod)
{
    return !__builtin_mul_overflow(a, b, prod);
}

/* The PT_LOAD whose memory holds [vaddr, vaddr + len), or NULL. */
static const Elf64_Phdr *load_of(const Obj *o, uint64_t vaddr, uint64_t len)
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
static bool mapped(const Obj *o, uint64_t vaddr, uint64_t len,
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
static bool read_image(const Obj *o, uint64_t vaddr, uint64_t len, void *dst)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, len);

    return ph && offload_range_in(vaddr - ph->p_vaddr, len, ph->p_filesz) &&
           offload_file_read(&o->file, ph->p_offset + (vaddr - ph->p_vaddr),
                             len, dst);
}

/* How many file-backed bytes of the image follow @vaddr in its PT_LOAD. */
static uint64_t image_left(const Obj *o, uint64_t vaddr)
{
    const Elf64_Phdr *ph = load_of(o, vaddr, 0);

    if (!ph || vaddr - ph->p_vaddr > ph->p_filesz) {
        return 0;
    }
    return ph->p_filesz - (vaddr - ph->p_vaddr);
}

/* The same into a new buffer (g_free it), or NULL. */
static void *dup_image(const Obj *o, uint64_t vaddr, uint64_t len)
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

static bool is_pow2(uint64_t x)
{
    return x && !(x & (x - 1));
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

/* ---- the dynamic section ---------------------------------------------- */

/* The value of the first entry @tag (the only one, but DT_NEEDED). */
static bool dyn_get(const Obj *o, int64_t tag, uint64_t *val)
{
    *val = 0;
    for (int i = 0; i < o->ndyn; i++) {
        if (o->dyn[i].d_tag == tag) {
            *val = o->dyn[i].d_un.d_val;
            return true;
        }
    }
    return false;
}

static bool dyn_has(const Obj *o, int64_t tag)
{
    uint64_t v;

    return dyn_get(o, tag, &v);
}

/* The entries up to DT_NULL, read from where ld.so reads them. */
static bool read_dynamic(Obj *o)
{
    const Elf64_Phdr *ph = NULL;
    uint64_t max;

    for (int i = 0; i < o->eh.e_phnum; i++) {
        if (o->ph[i].p_type == PT_DYNAMIC) {
            ph = &o->ph[i];
        }
    }
    max = MIN(ph->p_memsz / sizeof(Elf64_Dyn), MAX_DYN + 1);
    o->dyn = g_new(Elf64_Dyn, max + 1);
    for (o->ndyn = 0; o->ndyn < max; o->ndyn++) {
        Elf64_Dyn *d = &o->dyn[o->ndyn];

        if (!read_image(o, ph->p_vaddr + o->ndyn * sizeof(*d), sizeof(*d),
                        d)) {
            return fail(o, "the dynamic section is not in the file");
        }
        if (d->d_tag == DT_NULL) {
            break;
        }
    }
    if (o->ndyn == max) {
        return fail(o, o->ndyn > MAX_DYN ? "too many dynamic entries"
                                         : "the dynamic section has no "
                                           "DT_NULL end");
    }
    return true;
}

/* A tag's name for the messages. */
static const char *tag_name(int64_t tag)
{
    static const struct {
        int64_t tag;
        const char *name;
    } names[] = {
#define TAG(t) { t, #t }
        TAG(DT_RELA), TAG(DT_RELASZ), TAG(DT_RELAENT), TAG(DT_RELACOUNT),
        TAG(DT_JMPREL), TAG(DT_PLTRELSZ), TAG(DT_PLTREL), TAG(DT_STRTAB),
        TAG(DT_STRSZ), TAG(DT_SYMTAB), TAG(DT_INIT_ARRAY),
        TAG(DT_INIT_ARRAYSZ), TAG(DT_FINI_ARRAY), TAG(DT_FINI_ARRAYSZ),
        TAG(DT_VERSYM), TAG(DT_VERNEED), TAG(DT_VERDEF), TAG(DT_RELR),
        TAG(DT_RELRSZ), TAG(DT_RELRENT),
#undef TAG
    };

    for (int i = 0; i < ARRAY_SIZE(names); i++) {
        if (names[i].tag == tag) {
            return names[i].name;
        }
    }
    return "?";
}

/* Tags that never come alone: ld.so uses the partner without looking. */
static const struct {
    int64_t tag, partner;
} dyn_pairs[] = {
    { DT_RELA, DT_RELASZ },         { DT_RELASZ, DT_RELA },
    { DT_RELA, DT_RELAENT },        { DT_RELACOUNT, DT_RELA },
    { DT_JMPREL, DT_PLTRELSZ },     { DT_PLTRELSZ, DT_JMPREL },
    { DT_JMPREL, DT_PLTREL },       { DT_PLTREL, DT_JMPREL },
    { DT_STRTAB, DT_STRSZ },        { DT_STRSZ, DT_STRTAB },
    { DT_INIT_ARRAY, DT_INIT_ARRAYSZ }, { DT_INIT_ARRAYSZ, DT_INIT_ARRAY },
    { DT_FINI_ARRAY, DT_FINI_ARRAYSZ }, { DT_FINI_ARRAYSZ, DT_FINI_ARRAY },
    { DT_RELR, DT_RELRSZ },         { DT_RELRSZ, DT_RELR },
    { DT_RELR, DT_RELRENT },
    { DT_VERSYM, DT_SYMTAB },       { DT_VERNEED, DT_VERSYM },
    { DT_VERDEF, DT_VERSYM },
};

/* Tags of things this run time does not accept in an offload object. */
static const struct {
    int64_t tag;
    const char *what;
} dyn_refused[] = {
    { DT_REL, "REL relocations" },
    { DT_TEXTREL, "text relocations" },
    { DT_PREINIT_ARRAY, "a preinit array" },
    { DT_PREINIT_ARRAYSZ, "a preinit array" },
};

/* Which tags are there: no repeats, no refused ones, complete groups. */
static bool check_dyn_tags(Obj *o)
{
    uint64_t v;

    for (int i = 0; i < o->ndyn; i++) {
        for (int j = i + 1; j < o->ndyn; j++) {
            if (o->dyn[i].d_tag == o->dyn[j].d_tag &&
                o->dyn[i].d_tag != DT_NEEDED) {
                return fail(o, "dynamic tag 0x%" PRIx64 " repeated",
                            (uint64_t)o->dyn[i].d_tag);
            }
        }
    }
    for (int i = 0; i < ARRAY_SIZE(dyn_refused); i++) {
        if (dyn_has(o, dyn_refused[i].tag)) {
            return fail(o, "the object has %s", dyn_refused[i].what);
        }
    }
    if (dyn_get(o, DT_FLAGS, &v) && (v & DF_TEXTREL)) {
        return fail(o, "the object has text relocations");
    }
    for (int i = 0; i < ARRAY_SIZE(dyn_pairs); i++) {
        if (dyn_has(o, dyn_pairs[i].tag) &&
            !dyn_has(o, dyn_pairs[i].partner)) {
            return fail(o, "%s without %s", tag_name(dyn_pairs[i].tag),
                        tag_name(dyn_pairs[i].partner));
        }
    }
    if (!dyn_has(o, DT_STRTAB) || !dyn_has(o, DT_SYMTAB) ||
        (!dyn_has(o, DT_GNU_HASH) && !dyn_has(o, DT_HASH))) {
        return fail(o, "no string, symbol or hash table");
    }
    if ((dyn_get(o, DT_RELAENT, &v) && v != sizeof(Elf64_Rela)) ||
        (dyn_get(o, DT_SYMENT, &v) && v != sizeof(Elf64_Sym)) ||
        (dyn_get(o, DT_RELRENT, &v) && v != sizeof(Elf64_Relr)) ||
        (dyn_get(o, DT_PLTREL, &v) && v != DT_RELA)) {
        return fail(o, "bad relocation or symbol entry size");
    }
    return true;
}

/* The string table ends with a NUL; every string offset is inside it. */
static bool check_strings(Obj *o)
{
    static const int64_t str_tags[] = {
        DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH, DT_AUXILIARY, DT_FILTER,
        DT_AUDIT, DT_DEPAUDIT,
    };
    uint64_t addr;

    dyn_get(o, DT_STRTAB, &addr);
    dyn_get(o, DT_STRSZ, &o->strsz);
    o->strtab = o->strsz ? dup_image(o, addr, o->strsz) : NULL;
    if (!o->strtab || o->strtab[o->strsz - 1]) {
        return fail(o, "bad string table");
    }
    for (int i = 0; i < o->ndyn; i++) {
        for (int j = 0; j < ARRAY_SIZE(str_tags); j++) {
            if (o->dyn[i].d_tag == str_tags[j] &&
                o->dyn[i].d_un.d_val >= o->strsz) {
                return fail(o, "dynamic entry %d names a string outside "
                            "the string table", i);
            }
        }
    }
    return true;
}

/* ---- symbols: the count the hash tables give -------------------------- */

/*
 * DT_GNU_HASH (the one ld.so uses when both are there): the bloom
 * filter's size is a power of two (ld.so asserts it), every bucket
 * starts at or above symoffset, and the chain of the highest bucket,
 * the last one, ends inside the table.  The count is its end.
 */
static bool count_gnu_hash(Obj *o, uint64_t addr, uint64_t *nsyms)
{
    uint32_t hdr[4], maxb = 0;
    uint64_t buckets_at, chain_at, i;
    g_autofree uint32_t *buckets = NULL;

    if (!read_image(o, addr, sizeof(hdr), hdr) || !is_pow2(hdr[2])) {
        return fail(o, "bad GNU hash table");
    }
    if (add_ok(addr, sizeof(hdr) + 8ull * hdr[2], &buckets_at) &&
        add_ok(buckets_at, 4ull * hdr[0], &chain_at) &&
        image_left(o, addr) >= chain_at - addr) {
        buckets = dup_image(o, buckets_at, 4ull * hdr[0]);
    }
    if (!buckets) {
        return fail(o, "the GNU hash table is outside the file");
    }
    for (i = 0; i < hdr[0]; i++) {
        if (buckets[i] && buckets[i] < hdr[1]) {
            return fail(o, "bad GNU hash bucket");
        }
        maxb = MAX(maxb, buckets[i]);
    }
    *nsyms = hdr[1];
    o->gnu_hash_len = chain_at - addr;
    if (!maxb) {
        return true;
    }
    /* Walk the last chain to its end bit. */
    for (i = maxb;;) {
        uint32_t words[256];
        uint64_t at = chain_at + 4 * (i - hdr[1]);
        uint64_t n = MIN(ARRAY_SIZE(words), image_left(o, at) / 4);

        if (!n || !read_image(o, at, 4 * n, words)) {
            return fail(o, "a GNU hash chain runs out of the table");
        }
        for (uint64_t j = 0; j < n; j++, i++) {
            if (words[j] & 1) {
                *nsyms = i + 1;
                o->gnu_hash_len = at + 4 * (j + 1) - addr;
                return true;
            }
        }
    }
}

/*
 * DT_HASH: every bucket and chain entry below nchain, and no chain
 * loops (ld.so would walk it forever).  The count is nchain.
 */
static bool count_sysv_hash(Obj *o, uint64_t addr, uint64_t *nsyms)
{
    uint32_t hdr[2];
    g_autofree uint32_t *tab = NULL;
    g_autofree uint8_t *seen = NULL;

    if (read_image(o, addr, sizeof(hdr), hdr)) {
        tab = dup_image(o, addr + sizeof(hdr), 4ull * hdr[0] + 4ull * hdr[1]);
    }
    if (!tab) {
        return fail(o, "bad hash table");
    }
    seen = g_malloc0(MAX(hdr[1], 1));
    for (uint32_t b = 0; b < hdr[0]; b++) {
        for (uint32_t s = tab[b]; s != STN_UNDEF; s = tab[hdr[0] + s]) {
            if (s >= hdr[1] || seen[s]) {
                return fail(o, "bad hash chain");
            }
            seen[s] = 1;
        }
    }
    *nsyms = hdr[1];
    o->hash_len = sizeof(hdr) + 4ull * hdr[0] + 4ull * hdr[1];
    return true;
}

/* Every symbol's name in the string table; no IFUNC, no TLS. */
static bool check_symbols(Obj *o)
{
    uint64_t addr, n = 0, bytes;

    if (dyn_get(o, DT_GNU_HASH, &addr) && !count_gnu_hash(o, addr, &n)) {
        return false;
    }
    if (dyn_get(o, DT_HASH, &addr)) {
        uint64_t m = 0;

        if (!count_sysv_hash(o, addr, &m)) {
            return false;
        }
        n = MAX(n, m);
    }
    dyn_get(o, DT_SYMTAB, &addr);
    if (mul_ok(n, sizeof(Elf64_Sym), &bytes)) {
        o->syms = dup_image(o, addr, bytes);
    }
    if (!o->syms) {
        return fail(o, "the symbol table (%" PRIu64 " symbols) is outside "
                    "the file", n);
    }
    o->nsyms = n;
    for (uint64_t i = 0; i < n; i++) {
        const Elf64_Sym *s = &o->syms[i];
        int type = ELF64_ST_TYPE(s->st_info);

        if (s->st_name >= o->strsz) {
            return fail(o, "symbol %" PRIu64 " has a name outside the "
                        "string table", i);
        }
        if (type == STT_GNU_IFUNC || type == STT_TLS) {
            return fail(o, "symbol %s is an IFUNC or thread-local",
                        o->strtab + s->st_name);
        }
    }
    return true;
}

/* ---- symbol versions -------------------------------------------------- */

static bool is_needed(const Obj *o, uint32_t name)
{
    for (int i = 0; i < o->ndyn; i++) {
        if (o->dyn[i].d_tag == DT_NEEDED &&
            !strcmp(o->strtab + o->dyn[i].d_un.d_val, o->strtab + name)) {
            return true;
        }
    }
    return false;
}

/* The records ld.so reads in DT_VERNEED; the highest version index. */
static bool check_verneed(Obj *o, uint64_t addr, unsigned *high, int *steps)
{
    Elf64_Verneed vn;
    Elf64_Vernaux vna;
    uint64_t aux;

    for (;;) {
        if (!read_image(o, addr, sizeof(vn), &vn) || vn.vn_version != 1 ||
            vn.vn_file >= o->strsz || !add_ok(addr, vn.vn_aux, &aux)) {
            return fail(o, "bad version need record");
        }
        if (!is_needed(o, vn.vn_file)) {
            return fail(o, "a version need record names %s, not a "
                        "DT_NEEDED library", o->strtab + vn.vn_file);
        }
        for (;;) {
            if (++*steps > MAX_VERSIONS ||
                !read_image(o, aux, sizeof(vna), &vna) ||
                vna.vna_name >= o->strsz) {
                return fail(o, "bad version need record");
            }
            *high = MAX(*high, vna.vna_other & 0x7fff);
            if (!vna.vna_next) {
                break;
            }
            if (!add_ok(aux, vna.vna_next, &aux)) {
                return fail(o, "bad version need record");
            }
        }
        if (!vn.vn_next) {
            return true;
        }
        if (!add_ok(addr, vn.vn_next, &addr)) {
            return fail(o, "bad version need record");
        }
    }
}

/* The records ld.so reads in DT_VERDEF; the highest version index. */
static bool check_verdef(Obj *o, uint64_t addr, unsigned *high, int *steps)
{
    Elf64_Verdef vd;
    Elf64_Verdaux vda;
    uint64_t aux;

    for (;;) {
        if (++*steps > MAX_VERSIONS ||
            !read_image(o, addr, sizeof(vd), &vd) || vd.vd_version != 1 ||
            !add_ok(addr, vd.vd_aux, &aux) ||
            !read_image(o, aux, sizeof(vda), &vda) ||
            vda.vda_name >= o->strsz) {
            return fail(o, "bad version definition record");
        }
        *high = MAX(*high, vd.vd_ndx & 0x7fff);
        if (!vd.vd_next) {
            return true;
        }
        if (!add_ok(addr, vd.vd_next, &addr)) {
            return fail(o, "bad version definition record");
        }
    }
}

/*
 * ld.so sizes its version array by the highest index the records use
 * and indexes it with DT_VERSYM entries unchecked.
 */
static bool check_versions(Obj *o)
{
    uint64_t addr, bytes;
    unsigned high = 1;
    int steps = 0;
    g_autofree uint16_t *versym = NULL;

    if (dyn_get(o, DT_VERNEED, &addr) &&
        !check_verneed(o, addr, &high, &steps)) {
        return false;
    }
    if (dyn_get(o, DT_VERDEF, &addr) &&
        !check_verdef(o, addr, &high, &steps)) {
        return false;
    }
    if (!dyn_get(o, DT_VERSYM, &addr)) {
        return true;
    }
    bytes = o->nsyms * sizeof(uint16_t);
    versym = dup_image(o, addr, bytes);
    if (!versym) {
        return fail(o, "the version table is outside the file");
    }
    for (uint64_t i = 0; i < o->nsyms; i++) {
        if ((versym[i] & 0x7fff) > high) {
            return fail(o, "symbol %" PRIu64 " has an undefined version", i);
        }
    }
    return true;
}

/* ---- tables do not overlap -------------------------------------------- */

typedef struct Extent {
    uint64_t start, len;
    const char *what;
} Extent;

static int add_extent(const Obj *o, Extent *e, int n, int64_t tag,
                      uint64_t len, const char *what)
{
    if (dyn_get(o, tag, &e[n].start) && len) {
        e[n].len = len;
        e[n].what = what;
        n++;
    }
    return n;
}

/*
 * Each table ld.so reads is its own bytes, apart from the ELF header:
 * a pointer moved onto other bytes of the file makes them read as a
 * table (a relocation table over the ELF header reads as R_X86_64_NONE
 * entries, and the object's real relocations are never applied).  The
 * exception is what old linkers made: DT_RELA covering DT_JMPREL as its
 * tail (ld.so takes the tail off).
 */
static bool check_overlaps(Obj *o)
{
    Extent e[11] = { 0 };
    uint64_t rela_start = 0, jmp_start = 0, rela_len, jmp_len, relr_len;
    int n = 0;

    if (o->load[0].p_offset == 0) {
        e[n++] = (Extent) { o->load[0].p_vaddr,
                            MIN(o->eh.e_phoff + o->eh.e_phnum *
                                sizeof(Elf64_Phdr), o->load[0].p_filesz),
                            "ELF header" };
    }
    dyn_get(o, DT_RELASZ, &rela_len);
    dyn_get(o, DT_PLTRELSZ, &jmp_len);
    dyn_get(o, DT_RELRSZ, &relr_len);
    n = add_extent(o, e, n, DT_STRTAB, o->strsz, "string table");
    n = add_extent(o, e, n, DT_SYMTAB, o->nsyms * sizeof(Elf64_Sym),
                   "symbol table");
    n = add_extent(o, e, n, DT_GNU_HASH, o->gnu_hash_len, "GNU hash table");
    n = add_extent(o, e, n, DT_HASH, o->hash_len, "hash table");
    n = add_extent(o, e, n, DT_VERSYM, o->nsyms * 2, "version table");
    n = add_extent(o, e, n, DT_RELA, rela_len, "relocation table");
    n = add_extent(o, e, n, DT_JMPREL, jmp_len, "PLT relocation table");
    n = add_extent(o, e, n, DT_RELR, relr_len, "RELR relocation table");
    dyn_get(o, DT_RELA, &rela_start);
    dyn_get(o, DT_JMPREL, &jmp_start);
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            bool tail = e[i].start == rela_start && e[j].start == jmp_start &&
                        jmp_start >= rela_start &&
                        jmp_start + jmp_len == rela_start + rela_len;

            if (e[i].start < e[j].start + e[j].len &&
                e[j].start < e[i].start + e[i].len && !tail) {
                return fail(o, "the %s and the %s overlap", e[i].what,
                            e[j].what);
            }
        }
    }
    return true;
}

/* ---- relocations and init/fini ---------------------------------------- */

static bool read_relocs(Obj *o, int t, int64_t tag, int64_t size_tag)
{
    uint64_t addr, size;

    if (!dyn_get(o, tag, &addr)) {
        return true;
    }
    dyn_get(o, size_tag, &size);
    /* Linkers name no empty table: a size of 0 is one cut off. */
    if (size && size % sizeof(Elf64_Rela) == 0) {
        o->rela[t] = dup_image(o, addr, size);
    }
    if (!o->rela[t]) {
        return fail(o, "a relocation table is outside the file");
    }
    o->nrela[t] = size / sizeof(Elf64_Rela);
    return true;
}

/* One word DT_RELR relocates, as the R_X86_64_RELATIVE it stands for. */
static bool add_relr(Obj *o, GArray *out, uint64_t where)
{
    Elf64_Rela r = { .r_offset = where,
                     .r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE) };
    uint64_t addend = 0;

    if (out->len >= MAX_RELR || !mapped(o, where, 8, PF_W)) {
        return false;
    }
    /* The addend is the word itself (zero if it is in .bss). */
    if (image_left(o, where) >= 8) {
        read_image(o, where, 8, &addend);
    }
    r.r_addend = addend;
    g_array_append_val(out, r);
    return true;
}

/*
 * DT_RELR, decoded the way ld.so applies it: an even entry is an
 * address (that word, and the next entry's base after it), an odd one
 * a bitmap of the 63 words after the base.  ld.so starts from a NULL
 * base, so the first entry must be an address.
 */
static bool read_relr(Obj *o)
{
    g_autofree uint64_t *relr = NULL;
    GArray *out;
    uint64_t addr, size, base = 0;
    bool ok = true;

    if (!dyn_get(o, DT_RELR, &addr)) {
        return true;
    }
    dyn_get(o, DT_RELRSZ, &size);
    if (size && size % 8 == 0) {
        relr = dup_image(o, addr, size);
    }
    if (!relr || (relr[0] & 1)) {
        return fail(o, "bad RELR relocation table");
    }
    out = g_array_new(FALSE, FALSE, sizeof(Elf64_Rela));
    for (uint64_t i = 0; ok && i < size / 8; i++) {
        uint64_t e = relr[i];

        if (!(e & 1)) {
            ok = add_relr(o, out, e);
            base = e + 8;
            continue;
        }
        for (int bit = 0; ok && (e >>= 1) != 0; bit++) {
            ok = !(e & 1) || add_relr(o, out, base + 8 * bit);
        }
        base += 8 * 63;
    }
    o->nrela[2] = out->len;
    o->rela[2] = (Elf64_Rela *)g_array_free(out, FALSE);
    return ok || fail(o, "a RELR relocation writes outside the writable "
                      "segments");
}

static bool check_reloc(Obj *o, const Elf64_Rela *r)
{
    switch (ELF64_R_TYPE(r->r_info)) {
    case R_X86_64_NONE:
        return true;
    case R_X86_64_64:
    case R_X86_64_GLOB_DAT:
    case R_X86_64_JUMP_SLOT:
    case R_X86_64_RELATIVE:
        break;
    default:
        return fail(o, "relocation type %u is not supported",
                    (unsigned)ELF64_R_TYPE(r->r_info));
    }
    if (!mapped(o, r->r_offset, 8, PF_W)) {
        return fail(o, "a relocation at 0x%" PRIx64 " writes outside the "
                    "writable segments", (uint64_t)r->r_offset);
    }
    if (ELF64_R_SYM(r->r_info) >= o->nsyms) {
        return fail(o, "a relocation names symbol %u of %" PRIu64,
                    (unsigned)ELF64_R_SYM(r->r_info), o->nsyms);
    }
    return true;
}

static bool check_relocs(Obj *o)
{
    uint64_t count;

    if (!read_relocs(o, 0, DT_RELA, DT_RELASZ) ||
        !read_relocs(o, 1, DT_JMPREL, DT_PLTRELSZ) || !read_relr(o)) {
        return false;
    }
    for (int t = 0; t < 3; t++) {
        for (uint64_t i = 0; i < o->nrela[t]; i++) {
            if (!check_reloc(o, &o->rela[t][i])) {
                return false;
            }
        }
    }
    /* The PLT's table holds its slots only (ld.so insists when lazy). */
    for (uint64_t i = 0; i < o->nrela[1]; i++) {
        if (ELF64_R_TYPE(o->rela[1][i].r_info) != R_X86_64_JUMP_SLOT) {
            return fail(o, "DT_JMPREL holds a relocation that is not "
                        "R_X86_64_JUMP_SLOT");
        }
    }
    if (dyn_get(o, DT_RELACOUNT, &count)) {
        if (count > o->nrela[0]) {
            return fail(o, "DT_RELACOUNT above the relocation count");
        }
        for (uint64_t i = 0; i < count; i++) {
            if (ELF64_R_TYPE(o->rela[0][i].r_info) != R_X86_64_RELATIVE) {
                return fail(o, "DT_RELACOUNT counts a relocation that is "
                            "not relative");
            }
        }
    }
    return true;
}

/* An init or fini array: where it is, and per slot the relocations. */
typedef struct InitArray {
    uint64_t addr, n;
    uint8_t *good, *bad;        /* per slot: RELATIVE to code; others */
} InitArray;

static bool init_array_get(Obj *o, int64_t tag, int64_t size_tag,
                           InitArray *a, uint64_t *slots)
{
    uint64_t size;

    memset(a, 0, sizeof(*a));
    if (!dyn_get(o, tag, &a->addr)) {
        return true;
    }
    dyn_get(o, size_tag, &size);
    if (size % 8 || !mapped(o, a->addr, size, PF_R | PF_W) ||
        size / 8 > MAX_INIT_SLOTS - *slots) {
        return fail(o, "bad init or fini array");
    }
    a->n = size / 8;
    *slots += a->n;
    a->good = g_malloc0(MAX(a->n, 1));
    a->bad = g_malloc0(MAX(a->n, 1));
    return true;
}

/*
 * Does @r store the address of the object's own code?  RELATIVE: the
 * addend; R_X86_64_64 (GCC's constructors named by symbol): a symbol the
 * object defines, plus the addend.
 */
static bool reloc_to_code(const Obj *o, const Elf64_Rela *r)
{
    const Elf64_Sym *s;

    switch (ELF64_R_TYPE(r->r_info)) {
    case R_X86_64_RELATIVE:
        return mapped(o, (uint64_t)r->r_addend, 1, PF_X);
    case R_X86_64_64:
        s = &o->syms[ELF64_R_SYM(r->r_info)];     /* below nsyms: checked */
        return ELF64_R_SYM(r->r_info) && s->st_shndx != SHN_UNDEF &&
               mapped(o, s->st_value + (uint64_t)r->r_addend, 1, PF_X);
    default:
        return false;
    }
}

/* Note what relocation @r does to the slots of @a it touches. */
static void init_array_note(const Obj *o, InitArray *a, const Elf64_Rela *r)
{
    uint64_t first, last;

    /* The 8 bytes written, against the slots: any overlap counts. */
    if (!a->n || ELF64_R_TYPE(r->r_info) == R_X86_64_NONE ||
        r->r_offset + 8 <= a->addr || r->r_offset >= a->addr + 8 * a->n) {
        return;
    }
    first = r->r_offset < a->addr ? 0 : (r->r_offset - a->addr) / 8;
    last = MIN((r->r_offset + 7 - a->addr) / 8, a->n - 1);
    if (first == last && r->r_offset == a->addr + 8 * first &&
        reloc_to_code(o, r)) {
        a->good[first]++;
        return;
    }
    for (uint64_t s = first; s <= last; s++) {
        a->bad[s] = 1;
    }
}

/*
 * ld.so calls DT_INIT, DT_FINI and every init/fini array slot: each
 * must be code of the object.  A slot's value is its relocation's.
 */
static bool check_init_fini(Obj *o)
{
    static const int64_t code_tags[] = { DT_INIT, DT_FINI };
    InitArray arr[2];
    uint64_t v, slots = 0;
    bool ok = true;

    for (int i = 0; i < ARRAY_SIZE(code_tags); i++) {
        if (dyn_get(o, code_tags[i], &v) && !mapped(o, v, 1, PF_X)) {
            return fail(o, "DT_INIT or DT_FINI is outside the code");
        }
    }
    if (!init_array_get(o, DT_INIT_ARRAY, DT_INIT_ARRAYSZ, &arr[0], &slots) ||
        !init_array_get(o, DT_FINI_ARRAY, DT_FINI_ARRAYSZ, &arr[1], &slots)) {
        g_free(arr[0].good);
        g_free(arr[0].bad);
        return false;
    }
    for (int t = 0; t < 3; t++) {
        for (uint64_t i = 0; i < o->nrela[t]; i++) {
            init_array_note(o, &arr[0], &o->rela[t][i]);
            init_array_note(o, &arr[1], &o->rela[t][i]);
        }
    }
    for (int a = 0; a < 2; a++) {
        for (uint64_t s = 0; ok && s < arr[a].n; s++) {
            ok = arr[a].good[s] == 1 && !arr[a].bad[s];
        }
        g_free(arr[a].good);
        g_free(arr[a].bad);
    }
    return ok || fail(o, "an init or fini array entry is not set to "
                      "the object's code by one relocation");
}

/* ---- the whole check -------------------------------------------------- */

char *offload_elf_check_object(const char *path)
{
    Obj o = { .page = qemu_real_host_page_size() };
    const char *err = offload_file_open(path, &o.file);

    if (err) {
        return g_strdup(err);
    }
    if (check_header(&o) && check_segments(&o) && read_dynamic(&o) &&
        check_dyn_tags(&o) && check_strings(&o) && check_symbols(&o) &&
        check_versions(&o) && check_relocs(&o) && check_overlaps(&o)) {
        check_init_fini(&o);
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
