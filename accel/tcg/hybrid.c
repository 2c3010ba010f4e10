/*
 * Hybrid translator: run-time configuration and statistics.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include <sched.h>
#include "qemu/atomic.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "qemu/log.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "tcg/tcg.h"
#include "tcg/tcg-ldst.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-tbi.h"
#include "hybrid/tcg/hybrid-ldst-disp.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"
#include "hybrid/accel/tcg/hybrid-perfmap.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-time.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/tcg/hybrid-ldst.h"
#include "hybrid/tcg/hybrid-helper-flags.h"

/* Each option's default, from linux-user/hybrid-options.def. */
#define HYBRID_CONFIG_DEFAULT_BOOL(field, dflt) .field = dflt,
#define HYBRID_CONFIG_DEFAULT_FLAG(field, dflt) .field = dflt,
#define HYBRID_CONFIG_DEFAULT_INT(field, dflt) .field = dflt,
#define HYBRID_CONFIG_DEFAULT_FUNC(field, dflt)
#define HYBRID_CONFIG_DEFAULT(kind, name, env, field, dflt, min, max, arg,   \
                              help, note)                                    \
    HYBRID_CONFIG_DEFAULT_##kind(field, dflt)
HybridConfig hybrid_config = {
    HYBRID_OPTIONS(HYBRID_CONFIG_DEFAULT)
};
#undef HYBRID_CONFIG_DEFAULT

HybridStats hybrid_stats;
uint64_t hybrid_generation;

/* Set once by hybrid_init(), read on every hook. */
static bool active;
static const char *inactive_why;

bool hybrid_active(void)
{
    return active;
}

/*
 * Rejected traces by reason, and the reasons in the order they were first
 * seen: the order of the report.
 */
static const char *const reject_text[HYBRID_REJECT__COUNT] = {
    [HYBRID_REJECT_NONE] = "",
#define REJECT_TEXT(id, text) [HYBRID_REJECT_##id] = text,
    HYBRID_REJECTS(REJECT_TEXT)
#undef REJECT_TEXT
};
static uint64_t reject_count[HYBRID_REJECT__COUNT];
static HybridReject reject_seen[HYBRID_REJECT__COUNT];
static int nb_reject_seen;
static QemuMutex reject_lock;

void hybrid_note_reject(HybridReject why)
{
    qatomic_add(&hybrid_stats.traces_rejected, 1);
    if (why <= HYBRID_REJECT_NONE || why >= HYBRID_REJECT__COUNT) {
        return;                 /* a stage that gave no reason: total only */
    }
    qemu_mutex_lock(&reject_lock);
    if (reject_count[why]++ == 0) {
        reject_seen[nb_reject_seen] = why;
        /* The report reads without the lock: the entry, then the count. */
        qatomic_store_release(&nb_reject_seen, nb_reject_seen + 1);
    }
    qemu_mutex_unlock(&reject_lock);
}

/* Close every descriptor but those in @keep (ascending, -1 for none). */
static void close_all_but(const int *keep, int n)
{
    unsigned from = 0;

    for (int i = 0; i < n; i++) {
        if (keep[i] < 0 || keep[i] < (int)from) {
            continue;
        }
        if (keep[i] > (int)from) {
            close_range(from, keep[i] - 1, 0);
        }
        from = keep[i] + 1;
    }
    close_range(from, ~0U, 0);
}

/*
 * Our threads open descriptors while the guest runs: an optimizer its
 * sample ring's perf event (hybrid_sample_thread()), and dlopen() opens
 * libLLVM and a dozen libraries it needs; the sampler's drainer the
 * events of every vCPU thread; each at the lowest free descriptor, and
 * closes them again.  With the guest's
 * descriptor table, a guest thread that had just closed that descriptor
 * could read one of those files through it (the guest suite's "read a
 * closed fd" check did), and a guest open() meanwhile would get another
 * number than on hardware.  So each of our threads first takes a private
 * copy of the table, and closes every copied descriptor but the one its
 * messages go to: a copy would keep a guest pipe open after the guest
 * closed it.  If unshare() fails the race stays, as for any late library
 * load.  First thing in the thread: once the optimizer was made only
 * when the samples say LLVM could pay, in the middle of the guest's
 * work, tests/hybrid/fdtable.c caught its ring's descriptor (open() gave
 * 4, not 3); a guest that starts threads while another opens files
 * caught the vCPU threads' own (tests/hybrid/fdthreads.c).
 */
void hybrid_private_fds(void)
{
    int keep = -1;
    int kept[2];

    if (qemu_loglevel_mask(LOG_HYBRID)) {
        FILE *f = qemu_log_trylock();

        if (f) {
            keep = fileno(f);
            qemu_log_unlock(f);
        }
    } else if (hybrid_config.stats) {
        keep = STDERR_FILENO;       /* LLVM errors are printed there */
    }
    if (unshare(CLONE_FILES) != 0) {
        return;
    }
    /* And the -perfmap file, where traces are named. */
    kept[0] = MIN(keep, hybrid_perfmap_fd());
    kept[1] = MAX(keep, hybrid_perfmap_fd());
    close_all_but(kept, 2);
}

bool hybrid_llvm_available(void)
{
    /* llvm-backend/optimizer.c registers itself, if it is built in. */
    return hybrid_optimizer_registered();
}

void hybrid_tb_translated(TranslationBlock *tb, size_t host_code_bytes)
{
    /* Translation is rare next to execution: a locked add costs nothing. */
    qatomic_add(&hybrid_stats.tcg_blocks, 1);
    qatomic_add(&hybrid_stats.tcg_guest_insns, tb->icount);
    qatomic_add(&hybrid_stats.tcg_code_bytes, host_code_bytes);
    hybrid_perfmap_add(tb->tc.ptr, host_code_bytes, "tcg", tb->pc);
}

/*
 * -hybrid-stats writes to the stderr the process started with: some
 * programs close theirs before they exit (xz does), and the report was
 * lost.  A copy is kept at a descriptor far above the guest's usual
 * ones, and used only if it still is the same file: a guest that closed
 * it and opened another file at that number must not get the report.
 */
#define STATS_FD_MIN 1000

static int stats_fd = -1;
static struct stat stats_st;

static void stats_keep_stderr(void)
{
    int fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, STATS_FD_MIN);

    if (fd >= 0 && fstat(fd, &stats_st) == 0) {
        stats_fd = fd;
    } else if (fd >= 0) {
        close(fd);
    }
}

static FILE *stats_stream(void)
{
    struct stat st;
    FILE *f;
    int fd;

    if (stats_fd < 0 || fstat(stats_fd, &st) != 0 ||
        st.st_dev != stats_st.st_dev || st.st_ino != stats_st.st_ino) {
        return stderr;
    }
    fd = dup(stats_fd);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f && fd >= 0) {
        close(fd);
    }
    return f ? f : stderr;
}

static int64_t start_ns;     /* hybrid_init(), for hybrid_log_event() */

/*
 * The scalar FP helpers the LLVM tier inlines (HybridTarget.fp_helpers);
 * with the conversions to fixed point below, those that touch no TCG
 * global (tcg/hybrid-helper-flags.c).
 */
static void *const fp_helpers[HYBRID_FP_NB] = {
    [HYBRID_FP_ADDS] = (void *)helper_vfp_adds,
    [HYBRID_FP_SUBS] = (void *)helper_vfp_subs,
    [HYBRID_FP_MULS] = (void *)helper_vfp_muls,
    [HYBRID_FP_DIVS] = (void *)helper_vfp_divs,
    [HYBRID_FP_ADDD] = (void *)helper_vfp_addd,
    [HYBRID_FP_SUBD] = (void *)helper_vfp_subd,
    [HYBRID_FP_MULD] = (void *)helper_vfp_muld,
    [HYBRID_FP_DIVD] = (void *)helper_vfp_divd,
    [HYBRID_FP_MULADDS] = (void *)helper_vfp_muladds,
    [HYBRID_FP_MULADDD] = (void *)helper_vfp_muladdd,
    [HYBRID_FP_SQRTS] = (void *)helper_vfp_sqrts,
    [HYBRID_FP_SQRTD] = (void *)helper_vfp_sqrtd,
    [HYBRID_FP_NEGS] = (void *)helper_vfp_negs,
    [HYBRID_FP_NEGD] = (void *)helper_vfp_negd,
    [HYBRID_FP_ABSS] = (void *)helper_vfp_abss,
    [HYBRID_FP_ABSD] = (void *)helper_vfp_absd,
    [HYBRID_FP_CMPS] = (void *)helper_vfp_cmps_a64,
    [HYBRID_FP_CMPES] = (void *)helper_vfp_cmpes_a64,
    [HYBRID_FP_CMPD] = (void *)helper_vfp_cmpd_a64,
    [HYBRID_FP_CMPED] = (void *)helper_vfp_cmped_a64,
    [HYBRID_FP_SQTOS] = (void *)helper_vfp_sqtos,
    [HYBRID_FP_UQTOS] = (void *)helper_vfp_uqtos,
    [HYBRID_FP_SQTOD] = (void *)helper_vfp_sqtod,
    [HYBRID_FP_UQTOD] = (void *)helper_vfp_uqtod,
    [HYBRID_FP_SITOS] = (void *)helper_vfp_sitos,
    [HYBRID_FP_UITOS] = (void *)helper_vfp_uitos,
    [HYBRID_FP_SITOD] = (void *)helper_vfp_sitod,
    [HYBRID_FP_UITOD] = (void *)helper_vfp_uitod,
    [HYBRID_FP_CVTDS] = (void *)helper_vfp_fcvtds,
    [HYBRID_FP_CVTSD] = (void *)helper_vfp_fcvtsd,
    [HYBRID_FP_MAXS] = (void *)helper_vfp_maxs,
    [HYBRID_FP_MINS] = (void *)helper_vfp_mins,
    [HYBRID_FP_MAXNUMS] = (void *)helper_vfp_maxnums,
    [HYBRID_FP_MINNUMS] = (void *)helper_vfp_minnums,
    [HYBRID_FP_MAXD] = (void *)helper_vfp_maxd,
    [HYBRID_FP_MIND] = (void *)helper_vfp_mind,
    [HYBRID_FP_MAXNUMD] = (void *)helper_vfp_maxnumd,
    [HYBRID_FP_MINNUMD] = (void *)helper_vfp_minnumd,
};

bool hybrid_fp_helper(const void *func)
{
    for (int i = 0; i < HYBRID_FP_NB; i++) {
        if (fp_helpers[i] && fp_helpers[i] == func) {
            return true;
        }
    }
    return false;
}

/* FCVTZS, FCVTZU (scalar, and to fixed point): float_status only. */
static void *const fp_fix_helpers[] = {
    (void *)helper_vfp_tosls, (void *)helper_vfp_touls,
    (void *)helper_vfp_tosld, (void *)helper_vfp_tould,
    (void *)helper_vfp_tosqs, (void *)helper_vfp_touqs,
    (void *)helper_vfp_tosqd, (void *)helper_vfp_touqd,
};

void hybrid_init(bool debugger)
{
    start_ns = get_clock();
    if (hybrid_config.stats) {
        stats_keep_stderr();
    }
    qemu_mutex_init(&reject_lock);
    hybrid_perfmap_open();
    hybrid_tbi_init(debugger);
    if (!hybrid_config.enabled) {
        return;
    }
    hybrid_ldst_keep_regs();
    hybrid_ldst_disp_init();
    hybrid_helper_flags_init(fp_helpers, HYBRID_FP_NB);
    hybrid_helper_flags_init(fp_fix_helpers, ARRAY_SIZE(fp_fix_helpers));
    if (!hybrid_llvm_available()) {
        inactive_why = "this build has no LLVM tier";
        return;
    }
    {
        HybridTarget t = {
            .pc_offset = offsetof(CPUArchState, pc),
            .exit_check_offset = offsetof(ArchCPU, neg.icount_decr.u32) -
                                 offsetof(ArchCPU, env),
            .zf_offset = offsetof(CPUArchState, ZF),
            .vregs_offset = offsetof(CPUArchState, vfp.zregs),
            .vregs_size = sizeof(((CPUArchState *)NULL)->vfp.zregs),
            .guest_base = guest_base,
            .lookup_tb_ptr = (void *)helper_lookup_tb_ptr,
            .unaligned_ld = (void *)helper_unaligned_ld,
            .unaligned_st = (void *)helper_unaligned_st,
            .fpst_flags_offset = offsetof(float_status, float_exception_flags),
            .fpst_rmode_offset = offsetof(float_status, float_rounding_mode),
            .fpst_rmode_size = sizeof(FloatRoundMode),
            .fpst_ftz_offset = offsetof(float_status, flush_to_zero),
            .fpst_fiz_offset = offsetof(float_status,
                                        flush_inputs_to_zero),
            .fpst_size = sizeof(float_status),
            .flag_inexact = float_flag_inexact,
            .rmode_nearest_even = float_round_nearest_even,
            .env_fpst_offset = offsetof(CPUArchState, vfp.fp_status),
            .nzcv_less = PSTATE_N,
            .nzcv_equal = PSTATE_Z | PSTATE_C,
            .nzcv_greater = PSTATE_C,
        };

        memcpy(t.fp_helpers, fp_helpers, sizeof(fp_helpers));
        hybrid_sample_setup();
        hybrid_install_init();
        hybrid_queue_init();
        hybrid_ic_init();
        if (debugger) {
            hybrid_observe_faults();
        }
        if (!hybrid_optimizer_start(hybrid_config.threads, &t)) {
            inactive_why = "the optimizer thread could not start";
            return;
        }
        active = true;
        hybrid_time_thread_seen();
    }
}

void hybrid_log_eventv(const char *fmt, va_list ap)
{
    g_autofree char *msg = NULL;

    if (!qemu_loglevel_mask(LOG_HYBRID)) {
        return;
    }
    msg = g_strdup_vprintf(fmt, ap);
    /* One qemu_log() call: lines of two threads do not interleave. */
    qemu_log("qemu-hybrid: %8.1f ms %s\n",
             (get_clock() - start_ns) / 1e6, msg);
}

void hybrid_log_event(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    hybrid_log_eventv(fmt, ap);
    va_end(ap);
}

static const char *hybrid_mode_name(void)
{
    if (!hybrid_config.enabled) {
        return "off (plain TCG)";
    }
    if (!active) {
        return inactive_why ? inactive_why : "on, inactive";
    }
    return "on (TCG + LLVM traces)";
}

static double ms(uint64_t ns)
{
    return ns / 1e6;
}

typedef enum StatHow {
    STAT_TCG, STAT_COUNT, STAT_REJECTS, STAT_MS, STAT_MS_SHARE,
} StatHow;

/* HYBRID_STATS (hybrid.h) as data, in the order of the report. */
static const struct {
    const char *label;
    size_t offset;
    StatHow how;
} stat_rows[] = {
#define STAT_ROW(field, how, label) \
    { label, offsetof(HybridStats, field), STAT_##how },
    HYBRID_STATS(STAT_ROW)
#undef STAT_ROW
};

static void report_rejects(FILE *f)
{
    int n = qatomic_load_acquire(&nb_reject_seen);

    for (int i = 0; i < n; i++) {
        HybridReject why = reject_seen[i];

        fprintf(f, "    %-26s %" PRIu64 "\n", reject_text[why],
                reject_count[why]);
    }
}

/*
 * Time inside traces (wall time, summed over threads) was just read as
 * @in: its share of the emulation threads' time counted the same way
 * (hybrid-time.h).  Read in that order: the threads' time only grows
 * after the first read.
 */
static void report_share(FILE *f, uint64_t in)
{
    int64_t emu = hybrid_time_emulation_ns();

    if (emu > 0) {
        fprintf(f, "  %-28s %.0f%%\n", "  share of emulation time",
                100.0 * in / emu);
    }
}

void hybrid_stats_report(FILE *f)
{
    fprintf(f, "qemu-hybrid statistics (pid %d)\n", (int)getpid());
    fprintf(f, "  %-28s %s\n", "mode", hybrid_mode_name());
    for (size_t i = 0; i < ARRAY_SIZE(stat_rows); i++) {
        const char *label = stat_rows[i].label;
        uint64_t v;

        if (stat_rows[i].how != STAT_TCG && !active) {
            return;
        }
        v = qatomic_read((uint64_t *)((char *)&hybrid_stats +
                                      stat_rows[i].offset));
        switch (stat_rows[i].how) {
        case STAT_TCG:
        case STAT_COUNT:
        case STAT_REJECTS:
            fprintf(f, "  %-28s %" PRIu64 "\n", label, v);
            break;
        case STAT_MS:
        case STAT_MS_SHARE:
            fprintf(f, "  %-28s %.1f\n", label, ms(v));
            break;
        }
        if (stat_rows[i].how == STAT_REJECTS) {
            report_rejects(f);
        } else if (stat_rows[i].how == STAT_MS_SHARE) {
            report_share(f, v);
        }
    }
    hybrid_sample_report(f);
}

void hybrid_process_exit(void)
{
    FILE *f;

    hybrid_log_traces();
    if (hybrid_config.stats) {
        fflush(stderr);
        f = stats_stream();
        hybrid_stats_report(f);
        offload_stats_report(f);
        if (f != stderr) {
            fclose(f);
        } else {
            fflush(stderr);
        }
    }
}
