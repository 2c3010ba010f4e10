/*
 * qemu-offload-cc: compile the eligible functions of an aarch64 guest
 * program for the host, as an offload object for qemu-aarch64 -offload.
 *
 *   qemu-offload-cc --guest APP -o APP.offload.so [CFLAGS] a.c b.c ...
 *
 * The driver: command line, temporary directory, the stages (see
 * offload-cc.h) and the eligibility report.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "offload-cc.h"

static const char usage[] =
"usage: qemu-offload-cc --guest GUEST_ELF -o OUTPUT.so [options] [CFLAGS] "
"SOURCE.c...\n"
"\n"
"Compiles the functions of SOURCE.c that can run natively for x86-64 and\n"
"writes a shared object for qemu-aarch64 -offload OUTPUT.so GUEST_ELF.\n"
"GUEST_ELF is the aarch64 program built from the same sources with the\n"
"same CFLAGS (-D, -I, -U, -std, -f..., -O...) plus the flags printed by\n"
"--print-guest-cflags; the object is only valid for that very build.\n"
"\n"
"options:\n"
"  --guest FILE          the built guest program (required)\n"
"  -o FILE               the offload object to write (required)\n"
"  --report FILE         write the per-function report there (default:\n"
"                        standard output)\n"
"  --print-guest-cflags  print the flags the guest must be built with\n"
"  --all-eligible        offload every eligible function, also those the\n"
"                        cost model keeps emulated (allocator calls in\n"
"                        loops or recursion: callbacks would cost more)\n"
"  --x86-nans            let invalid operations (0/0, inf-inf) in native\n"
"                        code make x86's default NaN (sign set: printed as\n"
"                        -nan where the guest prints nan), skipping the\n"
"                        checks that keep aarch64's; faster FP code\n"
"  --keep-temps          keep the temporary directory (printed)\n"
"  -v                    print the commands run\n"
"  -h, --help            this help\n"
"\n"
"Report lines: FILE:LINE: NAME: offloaded | not offloaded: REASON\n";

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0) {
        abort();
    }
    va_end(ap);
    return s;
}

int run_command(Job *job, const char *const *argv)
{
    int status, i;
    pid_t pid;

    if (job->verbose) {
        for (i = 0; argv[i]; i++) {
            fprintf(stderr, "%s%s", i ? " " : "+ ", argv[i]);
        }
        fputc('\n', stderr);
    }
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return -1;
    }
    if (pid == 0) {
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "qemu-offload-cc: cannot run %s: %s (install "
                "clang-16)\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0) {
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Guest-only link and code generation flags have no meaning here. */
static bool ignored_flag(const char *a)
{
    return !strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-E") ||
           !strncmp(a, "-static", 7) || !strncmp(a, "-l", 2) ||
           !strncmp(a, "-L", 2) || !strncmp(a, "-Wl,", 4) ||
           !strncmp(a, "-m", 2) || !strcmp(a, "-g") ||
           !strncmp(a, "-fno-ipa-", 9) || !strncmp(a, "-fipa-", 6) ||
           !strcmp(a, "-shared") || !strcmp(a, "-rdynamic") ||
           !strncmp(a, "-ffp-contract", 13);
}

/* Flags whose value is the next argument. */
static bool takes_value(const char *a)
{
    static const char *const two[] = {
        "-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter",
        "-imacros", NULL
    };
    int i;

    for (i = 0; two[i]; i++) {
        if (!strcmp(a, two[i])) {
            return true;
        }
    }
    return false;
}

static int parse_args(Job *job, int argc, char **argv)
{
    int i;

    job->cflags = calloc(argc + 1, sizeof(char *));
    job->sources = calloc(argc + 1, sizeof(char *));
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            exit(0);
        } else if (!strcmp(a, "--print-guest-cflags")) {
            puts(OFFLOAD_GUEST_CFLAGS);
            exit(0);
        } else if (!strcmp(a, "--guest") || !strcmp(a, "-o") ||
                   !strcmp(a, "--report")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "qemu-offload-cc: %s needs an argument\n", a);
                return -1;
            }
            *(a[1] == 'o' ? &job->output : a[2] == 'g' ? &job->guest_path :
              &job->report_path) = argv[++i];
        } else if (!strncmp(a, "--guest=", 8)) {
            job->guest_path = a + 8;
        } else if (!strncmp(a, "--report=", 9)) {
            job->report_path = a + 9;
        } else if (!strcmp(a, "--x86-nans")) {
            job->x86_nans = true;
        } else if (!strcmp(a, "--all-eligible")) {
            job->all_eligible = true;
        } else if (!strcmp(a, "--keep-temps")) {
            job->keep_temps = true;
        } else if (!strcmp(a, "-v")) {
            job->verbose = true;
        } else if (a[0] == '-' && a[1]) {
            if (ignored_flag(a)) {
                continue;
            }
            job->cflags[job->ncflags++] = a;
            if (takes_value(a) && i + 1 < argc) {
                job->cflags[job->ncflags++] = argv[++i];
            }
        } else {
            job->sources[job->nsources++] = a;
        }
    }
    if (!job->guest_path || !job->output || !job->nsources) {
        fprintf(stderr, "qemu-offload-cc: --guest, -o and at least one "
                "source are required\n%s", usage);
        return -1;
    }
    for (i = 0; i < job->nsources; i++) {
        if (access(job->sources[i], R_OK) != 0) {
            fprintf(stderr, "qemu-offload-cc: %s: %s\n", job->sources[i],
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int check_sources(Job *job)
{
    const char **args = calloc(job->ncflags + 4, sizeof(char *));
    int i, n = 0;

    args[n++] = "--target=" GUEST_TRIPLE;
    for (i = 0; i < job->ncflags; i++) {
        args[n++] = job->cflags[i];
    }
    args[n++] = "-w";
    for (i = 0; i < job->nsources; i++) {
        if (source_check(job->sources[i], args, n, &job->src,
                         &job->nsrc) < 0) {
            free(args);
            return -1;
        }
    }
    free(args);
    return 0;
}

static int setup_targets(Job *job)
{
    LLVMTargetRef target;
    char *err = NULL;
    const char *guest_dl;

    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    if (LLVMGetTargetFromTriple(HOST_TRIPLE, &target, &err)) {
        fprintf(stderr, "qemu-offload-cc: %s\n", err);
        LLVMDisposeMessage(err);
        return -1;
    }
    /* Baseline x86-64: the object may run on another host than this. */
    job->tm = LLVMCreateTargetMachine(target, HOST_TRIPLE, "x86-64", "",
                                      LLVMCodeGenLevelAggressive,
                                      LLVMRelocPIC, LLVMCodeModelDefault);
    job->host_td = LLVMCreateTargetDataLayout(job->tm);
    guest_dl = LLVMGetDataLayoutStr(job->mod);
    job->guest_td = LLVMCreateTargetData(guest_dl);
    return 0;
}

static int write_report(Job *job)
{
    FILE *out = stdout;
    int i, nb = 0, nsrc = 0;

    if (job->report_path) {
        out = fopen(job->report_path, "w");
        if (!out) {
            perror(job->report_path);
            return -1;
        }
    }
    for (i = 0; i < job->nfns; i++) {
        const Fn *f = &job->fns[i];

        if (!f->def_file && f->manifest_index < 0 && !job->verbose) {
            continue;       /* a system header's inline function */
        }
        nsrc += f->def_file != NULL;
        fprintf(out, "%s:%u: %s: ", f->def_file ? f->def_file : "?", f->line,
                f->cname);
        if (f->manifest_index >= 0) {
            fprintf(out, "offloaded\n");
            nb++;
        } else if (f->reason) {
            fprintf(out, "not offloaded: %s\n", f->reason);
        } else if (f->reason_buf[0]) {
            fprintf(out, "not offloaded: %s (native for offloaded "
                    "callers)\n", f->reason_buf);
        } else {
            fprintf(out, "not offloaded: no guest symbol, inlined by the "
                    "guest compiler? (native for offloaded callers)\n");
        }
    }
    fflush(out);
    if (out != stdout && fclose(out) != 0) {
        perror(job->report_path);
        return -1;
    }
    fprintf(stderr, "qemu-offload-cc: %d of %d functions offloaded -> %s\n",
            nb, nsrc, job->output);
    return 0;
}

static void cleanup(Job *job)
{
    if (!job->tmpdir) {
        return;
    }
    if (job->keep_temps) {
        fprintf(stderr, "qemu-offload-cc: temporary files kept in %s\n",
                job->tmpdir);
    } else {
        const char *argv[] = { "rm", "-rf", job->tmpdir, NULL };
        bool v = job->verbose;

        job->verbose = false;
        run_command(job, argv);
        job->verbose = v;
    }
}

int main(int argc, char **argv)
{
    Job job = { 0 };
    char tmpl[] = "/tmp/qemu-offload-cc.XXXXXX";
    int ret = 1;

    if (parse_args(&job, argc, argv) < 0) {
        return 2;
    }
    job.guest = guest_elf_open(job.guest_path);
    if (!job.guest) {
        return 1;
    }
    job.tmpdir = mkdtemp(tmpl);
    if (!job.tmpdir) {
        perror("mkdtemp");
        return 1;
    }
    if (check_sources(&job) == 0 && frontend_build_module(&job) == 0 &&
        setup_targets(&job) == 0 && analyze(&job) == 0 &&
        aarch64_semantics(&job) == 0 && rewrite(&job) == 0 && emit(&job) == 0 && write_report(&job) == 0) {
        ret = 0;
    }
    cleanup(&job);
    return ret;
}
