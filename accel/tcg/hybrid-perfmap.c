/*
 * Hybrid translator: a symbol map of generated code for perf
 * (see hybrid-perfmap.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu/error-report.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-perfmap.h"

static QemuMutex map_lock;
static FILE *map;
static pid_t map_pid;

static void __attribute__((constructor)) perfmap_init(void)
{
    qemu_mutex_init(&map_lock);
}

/*
 * The file of this process: a forked child gets its own, perf looks the
 * map up by pid, starting with a copy of its parent's (it runs that code
 * too).  The copy is made at the child's first line, so it may hold a
 * few lines the parent wrote after the fork: where the child puts code
 * of its own at such an address, perf may show either name.  Written
 * line by line, since the guest's exit_group leaves without flushing
 * stdio.  Opened at start-up by the main thread:
 * the thread that loads LLVM then works on a private copy of the
 * descriptor table (llvm-api.c), which keeps this descriptor too.
 */
static FILE *perfmap_file(void)
{
    pid_t pid = getpid();
    char name[64];
    FILE *parent = NULL;

    if (map && map_pid == pid) {
        return map;
    }
    if (map) {
        /* A forked child: it runs the code its parent translated too. */
        snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)map_pid);
        parent = fopen(name, "r");
        fclose(map);
    }
    snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)pid);
    map = fopen(name, "w");
    map_pid = pid;
    if (!map) {
        warn_report_once("-perfmap: cannot write %s: %s", name,
                         strerror(errno));
        hybrid_config.perfmap = false;
        if (parent) {
            fclose(parent);
        }
        return NULL;
    }
    setvbuf(map, NULL, _IOLBF, 0);
    if (parent) {
        char buf[4096];
        size_t n;

        while ((n = fread(buf, 1, sizeof(buf), parent)) > 0) {
            fwrite(buf, 1, n, map);
        }
        fclose(parent);
        fflush(map);
    }
    return map;
}

void hybrid_perfmap_open(void)
{
    if (hybrid_config.perfmap) {
        qemu_mutex_lock(&map_lock);
        perfmap_file();
        qemu_mutex_unlock(&map_lock);
    }
}

int hybrid_perfmap_fd(void)
{
    return map ? fileno(map) : -1;
}

void hybrid_perfmap_add(const void *start, size_t size, const char *kind,
                        uint64_t pc)
{
    FILE *f;

    if (!hybrid_config.perfmap) {
        return;
    }
    qemu_mutex_lock(&map_lock);
    f = perfmap_file();
    if (f) {
        fprintf(f, "%" PRIxPTR " %zx %s 0x%" PRIx64 "\n",
                (uintptr_t)start, size, kind, pc);
    }
    qemu_mutex_unlock(&map_lock);
}
