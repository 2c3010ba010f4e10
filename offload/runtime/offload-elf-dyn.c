/*
 * Offload run time: the object check's second half, the dynamic section
 * and what it names (strings, symbols, versions, relocations, init and
 * fini), as offload-elf.c's header lists them.  Each offload_elf_check_*
 * stage returns false with the refusal's reason in the object.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/offload/runtime/offload-elf-internal.h"

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
bool offload_elf_read_dynamic(Obj *o)
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
bool offload_elf_check_dyn_tags(Obj *o)
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
bool offload_elf_check_strings(Obj *o)
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
bool offload_elf_check_symbols(Obj *o)
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
bool offload_elf_check_versions(Obj *o)
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
bool offload_elf_check_overlaps(Obj *o)
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

bool offload_elf_check_relocs(Obj *o)
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
bool offload_elf_check_init_fini(Obj *o)
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
