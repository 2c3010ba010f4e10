/*
 * Offload run time: loading and checking the offload object.
 *
 * Owns -offload FILE: dlopen() the object once the guest is loaded,
 * check its manifest against the running guest (ABI, build id, the
 * bytes of every offloaded function), then give it what it needs
 * (import addresses, load bias, the run-time services) and hand the
 * functions to the binder.  Anything wrong is a warning, never fatal:
 * the program then runs fully emulated, as without -offload.
 *
 * The files are read through offload-elf.c (regular files only, every
 * range checked against the file's size), which also vets the object
 * before dlopen().  After dlopen() the manifest is trusted only once its
 * arrays and strings are seen to lie inside the object's own segments.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/hybrid-config.h"
#include <dlfcn.h>
#include <link.h>
#include "cpu.h"
#include "exec/exec-all.h"
#include "qemu/log.h"
#include "qemu.h"
#include "user-internals.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/offload/runtime/offload-internal.h"
#include "hybrid/offload/runtime/offload-elf.h"

OffloadManifest *offload_manifest;

static const char *offload_path;

void offload_set_path(const char *path)
{
    offload_path = *path ? path : NULL;
}

/* Say why the object is not used; the program goes on emulated. */
static void G_GNUC_PRINTF(1, 2) offload_refuse(const char *fmt, ...)
{
    g_autofree char *why = NULL;
    va_list ap;

    va_start(ap, fmt);
    why = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "qemu: -offload %s: %s; running fully emulated\n",
            offload_path, why);
    offload_stats_refused(why);
}

/* What the checks need from the guest ELF file. */
typedef struct GuestElf {
    uint8_t build_id[32];
    uint32_t build_id_len;      /* 0: no NT_GNU_BUILD_ID note */
    bool is_dyn;
    uint64_t first_page;        /* of the lowest PT_LOAD segment */
} GuestElf;

/* Notes larger than this are not searched for the build id. */
#define MAX_NOTE_SEGMENT (64 * 1024)

static void read_build_id(const OffloadFile *f, const Elf64_Phdr *ph,
                          GuestElf *ge)
{
    g_autofree uint8_t *buf = NULL;
    uint64_t off = 0, end = ph->p_filesz;

    if (end > MAX_NOTE_SEGMENT) {
        return;
    }
    buf = g_malloc(MAX(end, 1));
    if (!offload_file_read(f, ph->p_offset, end, buf)) {
        return;
    }
    while (end - off >= sizeof(Elf64_Nhdr)) {
        const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(buf + off);
        uint64_t name = off + sizeof(*nh);
        uint64_t desc = name + ROUND_UP((uint64_t)nh->n_namesz, 4);
        uint64_t next = desc + ROUND_UP((uint64_t)nh->n_descsz, 4);

        if (next > end) {
            return;
        }
        if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
            !memcmp(buf + name, "GNU", 4) &&
            nh->n_descsz <= sizeof(ge->build_id)) {
            memcpy(ge->build_id, buf + desc, nh->n_descsz);
            ge->build_id_len = nh->n_descsz;
            return;
        }
        off = next;
    }
}

/* The headers of the open guest ELF file; NULL, or what went wrong. */
static const char *read_guest_headers(const OffloadFile *f, GuestElf *ge)
{
    Elf64_Ehdr eh;
    g_autofree Elf64_Phdr *phs = NULL;
    uint64_t phsize;

    if (!offload_file_read(f, 0, sizeof(eh), &eh) ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_AARCH64 ||
        eh.e_phentsize != sizeof(Elf64_Phdr)) {
        return "the guest program is not an aarch64 ELF64 file";
    }
    phsize = (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr);
    phs = g_malloc(MAX(phsize, 1));
    if (!offload_file_read(f, eh.e_phoff, phsize, phs)) {
        return "the guest program's program headers are not in the file";
    }
    ge->is_dyn = eh.e_type == ET_DYN;

    for (int i = 0; i < eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &phs[i];

        if (ph->p_type == PT_LOAD) {
            ge->first_page = MIN(ge->first_page,
                                 ph->p_vaddr & TARGET_PAGE_MASK);
        } else if (ph->p_type == PT_NOTE && !ge->build_id_len) {
            read_build_id(f, ph, ge);
        }
    }
    if (ge->first_page == UINT64_MAX) {
        return "the guest program has no PT_LOAD segment";
    }
    return NULL;
}

/* Read the guest ELF file; NULL, or what went wrong. */
static const char *read_guest_elf(const char *path, GuestElf *ge)
{
    OffloadFile f;
    const char *err;

    memset(ge, 0, sizeof(*ge));
    ge->first_page = UINT64_MAX;
    if (offload_file_open(path, &f)) {
        return "cannot read the guest program";
    }
    err = read_guest_headers(&f, ge);
    offload_file_close(&f);
    return err;
}


typedef struct ObjectSegment {
    uintptr_t start, end;       /* [start, end): p_vaddr + l_addr, p_memsz */
    uint32_t flags;             /* PF_R, PF_W, PF_X */
} ObjectSegment;

typedef struct ObjectPages {
    uintptr_t base;            /* the object's load address (l_addr) */
    const char *name;          /* its l_name */
    ObjectSegment seg[OFFLOAD_ELF_MAX_LOADS];
    int nseg;
    uintptr_t relro_start, relro_end;   /* read-only once relocated */
} ObjectPages;

static int find_segments(struct dl_phdr_info *info, size_t size, void *opaque)
{
    ObjectPages *op = opaque;

    if (info->dlpi_addr != op->base || strcmp(info->dlpi_name, op->name)) {
        return 0;
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        ObjectSegment *s = &op->seg[op->nseg];

        if (ph->p_type == PT_GNU_RELRO) {
            /* The pages ld.so made read-only, as it rounds them. */
            uintptr_t start = info->dlpi_addr + ph->p_vaddr;

            op->relro_start = ROUND_DOWN(start, qemu_real_host_page_size());
            op->relro_end = ROUND_DOWN(start + ph->p_memsz,
                                       qemu_real_host_page_size());
            continue;
        }
        if (ph->p_type != PT_LOAD || op->nseg == OFFLOAD_ELF_MAX_LOADS ||
            __builtin_add_overflow(info->dlpi_addr, ph->p_vaddr, &s->start) ||
            __builtin_add_overflow(s->start, ph->p_memsz, &s->end)) {
            continue;
        }
        s->flags = ph->p_flags;
        op->nseg++;
    }
    return 1;
}

/* The segments ld.so mapped for @handle; false if none was found. */
static bool find_object_segments(void *handle, ObjectPages *op)
{
    struct link_map *lm;

    memset(op, 0, sizeof(*op));
    if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0) {
        return false;
    }
    op->base = lm->l_addr;
    op->name = lm->l_name;
    dl_iterate_phdr(find_segments, op);
    return op->nseg > 0;
}

/*
 * Is [p, p + len) inside one of the object's segments with all @flags?
 * PF_W: and not made read-only after relocation.
 */
static bool in_object(const ObjectPages *op, const void *p, uint64_t len,
                      uint32_t flags)
{
    uintptr_t a = (uintptr_t)p;

    if ((flags & PF_W) && op->relro_start < op->relro_end &&
        a < op->relro_end &&
        (len > op->relro_start || a > op->relro_start - len)) {
        return false;
    }

    for (int i = 0; i < op->nseg; i++) {
        const ObjectSegment *s = &op->seg[i];

        if (a >= s->start && offload_range_in(a - s->start, len,
                                              s->end - s->start)) {
            return (s->flags & flags) == flags;
        }
    }
    return false;
}

/* Is @str a string that ends inside the readable segment it starts in? */
static bool string_in_object(const ObjectPages *op, const char *str)
{
    uintptr_t a = (uintptr_t)str;

    for (int i = 0; i < op->nseg; i++) {
        const ObjectSegment *s = &op->seg[i];

        if (a >= s->start && a < s->end) {
            return (s->flags & PF_R) && memchr(str, 0, s->end - a);
        }
    }
    return false;
}

/*
 * The manifest and what it points to must be the object's own memory:
 * a count larger than its array, or a pointer that no relocation fixed,
 * would have the run time read, write or call anywhere.  Counts are
 * 32 bits and entries small, so the products cannot wrap.
 */
static char *check_manifest_layout(const OffloadManifest *m,
                                   const ObjectPages *op)
{
    uint32_t n = m->nfuncs;

    if (n && !in_object(op, m->funcs, (uint64_t)n * sizeof(*m->funcs),
                        PF_R)) {
        return g_strdup_printf("malformed manifest: %u functions do not fit "
                               "in the object", n);
    }
    for (uint32_t i = 0; i < n; i++) {
        const OffloadFunc *f = &m->funcs[i];

        if (!string_in_object(op, f->name) ||
            !in_object(op, f->bridge, 1, PF_R | PF_X) ||
            !in_object(op, f->native, 1, PF_R | PF_X)) {
            return g_strdup_printf("malformed manifest entry %u", i);
        }
    }
    n = m->nimports;
    if (n && (!in_object(op, m->imports, (uint64_t)n * sizeof(*m->imports),
                         PF_R) ||
              !in_object(op, m->import_addr,
                         (uint64_t)n * sizeof(*m->import_addr),
                         PF_R | PF_W))) {
        return g_strdup_printf("malformed manifest: %u imports do not fit "
                               "in the object", n);
    }
    for (uint32_t i = 0; i < n; i++) {
        if (!string_in_object(op, m->imports[i].name)) {
            return g_strdup_printf("malformed manifest import %u", i);
        }
    }
    return NULL;
}

/* Check the manifest against the guest; NULL if it fits, else why not. */
static char *check_manifest(OffloadManifest *m, const ObjectPages *op,
                            const GuestElf *ge, uint64_t bias)
{
    char *why;

    /* The runtime fills load_bias and runtime in. */
    if (!in_object(op, m, sizeof(*m), PF_R | PF_W)) {
        return g_strdup("the manifest is not in the object's writable data");
    }
    if (m->magic != OFFLOAD_ABI_MAGIC) {
        return g_strdup("not an offload object (bad manifest magic)");
    }
    if (m->version != OFFLOAD_ABI_VERSION) {
        return g_strdup_printf("offload ABI version %u, this qemu-aarch64 "
                               "supports %u", m->version, OFFLOAD_ABI_VERSION);
    }
    if (m->build_id_len > sizeof(m->build_id)) {
        return g_strdup("malformed manifest");
    }
    why = check_manifest_layout(m, op);
    if (why) {
        return why;
    }
    if (m->build_id_len &&
        (ge->build_id_len != m->build_id_len ||
         memcmp(ge->build_id, m->build_id, m->build_id_len))) {
        return g_strdup("stale offload object: the guest program's build id "
                        "differs");
    }
    if (!m->guest_is_dyn != !ge->is_dyn) {
        return g_strdup("made for a different guest program (ELF type "
                        "differs)");
    }
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        OffloadFunc *f = &m->funcs[i];
        uint64_t addr = f->guest_value + bias;

        if (!f->name || !f->bridge || !f->guest_size || (addr & 3)) {
            return g_strdup_printf("malformed manifest entry %u", i);
        }
        if (!guest_range_valid_untagged(addr, f->guest_size) ||
            page_check_range(addr, f->guest_size, PAGE_READ) != 0) {
            return g_strdup_printf("function %s is not in the guest's "
                                   "memory", f->name);
        }
        if (offload_hash(g2h_untagged(addr), f->guest_size) != f->guest_hash) {
            return g_strdup_printf("stale offload object: function %s "
                                   "differs from the guest's", f->name);
        }
    }
    return NULL;
}

/*
 * Native code passes pointers into its own data (string constants,
 * static buffers) to guest code and so to guest syscalls, whose
 * lock_user() checks QEMU's page flags: make the object's segments
 * visible to the guest.  False if none could be.
 */
static bool mark_object_pages(const ObjectPages *op)
{
    int marked = 0;

    mmap_lock();
    for (int i = 0; i < op->nseg; i++) {
        uint64_t start = op->seg[i].start & TARGET_PAGE_MASK;
        uint64_t end = TARGET_PAGE_ALIGN(op->seg[i].end);
        int flags = PAGE_VALID | PAGE_READ;

        if (!guest_range_valid_untagged(start, end - start)) {
            continue;
        }
        if (op->seg[i].flags & PF_W) {
            flags |= PAGE_WRITE;
        }
        page_set_flags(start, end, flags);
        marked++;
    }
    mmap_unlock();
    return marked > 0;
}

static void offload_load(const char *exec_path)
{
    TaskState *ts = thread_cpu->opaque;
    g_autofree char *why = NULL;
    g_autofree char *dl_path = NULL;
    const char *err;
    OffloadManifest *m;
    ObjectPages op;
    GuestElf ge;
    uint64_t bias;
    void *handle;

#ifndef __x86_64__
    /* The objects and the call trampoline (offload-call.c) are x86-64. */
    offload_refuse("offload needs an x86-64 host");
    return;
#endif
#ifdef CONFIG_HYBRID_STATIC
    /* dlopen() from a static program would bring a second libc. */
    offload_refuse("this qemu-aarch64 is statically linked (./configure "
                   "--static) and cannot load offload objects");
    return;
#endif
    if (guest_base != 0) {
        /* Native code dereferences guest pointers as host pointers. */
        offload_refuse("guest_base is not 0 (-B or QEMU_GUEST_BASE)");
        return;
    }
    err = read_guest_elf(exec_path, &ge);
    if (err) {
        offload_refuse("%s", err);
        return;
    }
    /*
     * The program's own load bias: info->load_bias is the interpreter's
     * when there is one, load_addr is where the lowest segment went.
     */
    bias = ts->info->load_addr - ge.first_page;
    why = offload_elf_check_object(offload_path);
    if (why) {
        offload_refuse("%s", why);
        return;
    }
    /* A name without a slash is a file here, not a library to search. */
    dl_path = strchr(offload_path, '/') ? g_strdup(offload_path)
                                        : g_strconcat("./", offload_path, NULL);
    handle = dlopen(dl_path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        offload_refuse("%s", dlerror());
        return;
    }
    m = dlsym(handle, OFFLOAD_MANIFEST_SYMBOL);
    if (!m) {
        offload_refuse("no %s symbol: not an offload object",
                       OFFLOAD_MANIFEST_SYMBOL);
        dlclose(handle);
        return;
    }
    if (!find_object_segments(handle, &op)) {
        offload_refuse("cannot find the object's segments");
        dlclose(handle);
        return;
    }
    why = check_manifest(m, &op, &ge, bias);
    if (why) {
        offload_refuse("%s", why);
        dlclose(handle);
        return;
    }
    if (!offload_callback_init()) {
        offload_refuse("cannot map the guest return stub");
        dlclose(handle);
        return;
    }
    if (!mark_object_pages(&op)) {
        offload_refuse("none of the object's segments is in the guest's "
                       "address space");
        dlclose(handle);
        return;
    }

    for (uint32_t i = 0; i < m->nimports; i++) {
        m->import_addr[i] = m->imports[i].guest_value + bias;
    }
    m->load_bias = bias;
    m->runtime = &offload_runtime;
    offload_manifest = m;
    offload_stats_loaded(m->nfuncs);
    offload_bind_init(m);
    qemu_log_mask(LOG_HYBRID, "offload: %s loaded, %u functions, %u imports, "
                  "load bias 0x%" PRIx64 "\n", offload_path, m->nfuncs,
                  m->nimports, bias);
}

void offload_init(const char *exec_path)
{
    if (!offload_path) {
        return;
    }
    offload_stats_init(offload_path);
    offload_load(exec_path);
}
