/*
 * Offload run time: binding guest entry points to native code.
 *
 * Owns the table of offloaded entry addresses and the translator hook.
 * A block whose first guest PC is such an entry is translated as
 *
 *     helper_offload_call(env, index);    // runs the bridge, pc = x30
 *     lookup_and_goto_ptr;
 *
 * so every way into the function (call, tail call, chained jump, a
 * trace exit) reaches the native version.  The table is built once at
 * start-up and only read afterwards, at translation time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/translator.h"
#include "exec/helper-proto.h"
#include "tcg/tcg-op.h"
#include "exec/helper-gen.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/offload/runtime/offload-internal.h"

typedef struct OffloadEntry {
    uint64_t pc;               /* guest_value + load_bias */
    uint32_t index;            /* in the manifest's funcs[] */
} OffloadEntry;

static OffloadEntry *entries;  /* sorted by pc */
static uint32_t nentries;

static int entry_cmp(const void *a, const void *b)
{
    const OffloadEntry *x = a, *y = b;

    return x->pc < y->pc ? -1 : x->pc > y->pc;
}

void offload_bind_init(OffloadManifest *m)
{
    entries = g_new(OffloadEntry, MAX(m->nfuncs, 1));
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        entries[i].pc = m->funcs[i].guest_value + m->load_bias;
        entries[i].index = i;
    }
    /* The manifest should be sorted already; do not rely on it. */
    qsort(entries, m->nfuncs, sizeof(*entries), entry_cmp);
    nentries = m->nfuncs;
}

static const OffloadEntry *entry_at(uint64_t pc)
{
    OffloadEntry key = { .pc = pc };

    if (!nentries) {
        return NULL;
    }
    return bsearch(&key, entries, nentries, sizeof(*entries), entry_cmp);
}

bool offload_is_bound(uint64_t pc)
{
    return entry_at(pc) != NULL;
}

bool offload_gen_call(DisasContextBase *db)
{
    const OffloadEntry *e;

    if (db->num_insns != 1 || !(e = entry_at(db->pc_first))) {
        return false;
    }
    /*
     * The helper reads and writes guest registers (default flags) and
     * leaves the return address in env->pc.  The block covers the
     * function's first instruction, so rewriting it invalidates the
     * block as usual.
     */
    gen_helper_offload_call(cpu_env, tcg_constant_i32(e->index));
    tcg_gen_lookup_and_goto_ptr();
    db->pc_next += 4;
    db->is_jmp = DISAS_NORETURN;
    qemu_log_mask(LOG_HYBRID, "offload: bound %s at 0x%" PRIx64 "\n",
                  offload_manifest->funcs[e->index].name, e->pc);
    return true;
}
