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

static void read_build_id(const char *buf, const Elf64_Phdr *ph, GuestElf *ge)
{
    uint64_t off = ph->p_offset, end = off + ph->p_filesz;

    while (off + sizeof(Elf64_Nhdr) <= end) {
        const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(buf + off);
        uint64_t name = off + sizeof(*nh);
        uint64_t desc = name + ROUND_UP(nh->n_namesz, 4);
        uint64_t next = desc + ROUND_UP(nh->n_descsz, 4);

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

/* Read the guest ELF file; NULL, or what went wrong. */
static const char *read_guest_elf(const char *path, GuestElf *ge)
{
    g_autofree char *buf = NULL;
    gsize len;
    Elf64_Ehdr *eh;

    memset(ge, 0, sizeof(*ge));
    ge->first_page = UINT64_MAX;
    if (!path || !g_file_get_contents(path, &buf, &len, NULL)) {
        return "cannot read the guest program";
    }
    eh = (Elf64_Ehdr *)buf;
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_AARCH64 ||
        eh->e_phentsize != sizeof(Elf64_Phdr) ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > len) {
        return "the guest program is not an aarch64 ELF64 file";
    }
    ge->is_dyn = eh->e_type == ET_DYN;

    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(buf + eh->e_phoff) + i;

        if (ph->p_type == PT_LOAD) {
            ge->first_page = MIN(ge->first_page,
                                 ph->p_vaddr & TARGET_PAGE_MASK);
        } else if (ph->p_type == PT_NOTE && !ge->build_id_len &&
                   ph->p_offset + ph->p_filesz <= len &&
                   ph->p_offset + ph->p_filesz >= ph->p_offset) {
            read_build_id(buf, ph, ge);
        }
    }
    if (ge->first_page == UINT64_MAX) {
        return "the guest program has no PT_LOAD segment";
    }
    return NULL;
}

/* Check the manifest against the guest; NULL if it fits, else why not. */
static char *check_manifest(OffloadManifest *m, const GuestElf *ge,
                            uint64_t bias)
{
    if (m->magic != OFFLOAD_ABI_MAGIC) {
        return g_strdup("not an offload object (bad manifest magic)");
    }
    if (m->version != OFFLOAD_ABI_VERSION) {
        return g_strdup_printf("offload ABI version %u, this qemu-aarch64 "
                               "supports %u", m->version, OFFLOAD_ABI_VERSION);
    }
    if (m->build_id_len > sizeof(m->build_id) || (m->nfuncs && !m->funcs) ||
        (m->nimports && (!m->imports || !m->import_addr))) {
        return g_strdup("malformed manifest");
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
 * ld.so trusts an ELF file's headers: a truncated object would crash it
 * (segments past the end of the file), inside our signal handlers.  Check
 * what dlopen() would map first.  NULL if it may go on; files that are
 * not ELF at all are left to dlopen() and its message.
 */
static const char *check_object_file(const char *path)
{
    g_autofree char *buf = NULL;
    gsize len;
    Elf64_Ehdr *eh;

    if (!g_file_get_contents(path, &buf, &len, NULL) || len < SELFMAG ||
        memcmp(buf, ELFMAG, SELFMAG)) {
        return NULL;
    }
    eh = (Elf64_Ehdr *)buf;
    if (len < sizeof(*eh)) {
        return "truncated ELF file";
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_DYN) {
        return "not an x86-64 shared object";
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr) ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > len) {
        return "truncated ELF file";
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(buf + eh->e_phoff) + i;

        if ((ph->p_type == PT_LOAD || ph->p_type == PT_DYNAMIC) &&
            (ph->p_offset + ph->p_filesz > len ||
             ph->p_offset + ph->p_filesz < ph->p_offset)) {
            return "truncated ELF file";
        }
    }
    return NULL;
}

typedef struct ObjectPages {
    uintptr_t base;            /* the object's load address (l_addr) */
    const char *name;          /* its l_name */
    int segments;
} ObjectPages;

static int mark_segments(struct dl_phdr_info *info, size_t size, void *opaque)
{
    ObjectPages *op = opaque;

    if (info->dlpi_addr != op->base || strcmp(info->dlpi_name, op->name)) {
        return 0;
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uint64_t start, end;
        int flags = PAGE_VALID | PAGE_READ;

        if (ph->p_type != PT_LOAD) {
            continue;
        }
        start = (info->dlpi_addr + ph->p_vaddr) & TARGET_PAGE_MASK;
        end = TARGET_PAGE_ALIGN(info->dlpi_addr + ph->p_vaddr + ph->p_memsz);
        if (!guest_range_valid_untagged(start, end - start)) {
            continue;
        }
        if (ph->p_flags & PF_W) {
            flags |= PAGE_WRITE;
        }
        page_set_flags(start, end, flags);
        op->segments++;
    }
    return 1;
}

/*
 * Native code passes pointers into its own data (string constants,
 * static buffers) to guest code and so to guest syscalls, whose
 * lock_user() checks QEMU's page flags: make the object's segments
 * visible to the guest.
 */
static bool mark_object_pages(void *handle)
{
    struct link_map *lm;
    ObjectPages op = { 0 };

    if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0) {
        return false;
    }
    op.base = lm->l_addr;
    op.name = lm->l_name;
    mmap_lock();
    dl_iterate_phdr(mark_segments, &op);
    mmap_unlock();
    return op.segments > 0;
}

static void offload_load(const char *exec_path)
{
    TaskState *ts = thread_cpu->opaque;
    g_autofree char *why = NULL;
    g_autofree char *dl_path = NULL;
    const char *err;
    OffloadManifest *m;
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
    err = check_object_file(offload_path);
    if (err) {
        offload_refuse("%s", err);
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
    why = check_manifest(m, &ge, bias);
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
    if (!mark_object_pages(handle)) {
        offload_refuse("cannot find the object's segments");
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
