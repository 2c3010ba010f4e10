/*
 * Hybrid translator: the emulation threads' time (see hybrid-time.h).
 *
 * Kept as sums, so that a thread that ends leaves nothing behind:
 *   counted = ended + live * now - born - syscalls
 *             - (in_syscall * now - syscall_since)
 * where ended is the counted time of the threads gone, and the others
 * are over the live threads: their number, the sum of their birth
 * times, of their finished system calls' times, the number of them in
 * a system call now and the sum of those calls' start times.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-time.h"

typedef struct ThreadTime {
    bool seen;
    int64_t born;
    int64_t syscalls;           /* finished system calls */
    int64_t syscall_since;      /* in a system call since, or 0 */
} ThreadTime;

static QemuMutex time_lock;
static bool time_lock_ready;
static int64_t ended, born, syscalls, syscall_since;
static int64_t live, in_syscall;
static __thread ThreadTime self;

static bool counting(void)
{
    return hybrid_config.stats && hybrid_active();
}

static void lock_time(void)
{
    /* The first call is hybrid_init()'s, on the only thread there is. */
    if (!time_lock_ready) {
        qemu_mutex_init(&time_lock);
        time_lock_ready = true;
    }
    qemu_mutex_lock(&time_lock);
}

/* @t's counted time at @now. */
static int64_t thread_ns(ThreadTime *t, int64_t now)
{
    return now - t->born - t->syscalls -
           (t->syscall_since ? now - t->syscall_since : 0);
}

void hybrid_time_thread_seen(void)
{
    if (self.seen || !counting()) {
        return;
    }
    lock_time();
    self.seen = true;
    self.born = get_clock();
    live++;
    born += self.born;
    qemu_mutex_unlock(&time_lock);
}

void hybrid_time_syscall_begin(bool thread_exit)
{
    int64_t now;

    hybrid_time_thread_seen();
    if (!self.seen) {
        return;
    }
    lock_time();
    now = get_clock();
    if (self.syscall_since) {
        /* The last call never came back here (it left by longjmp). */
        self.syscalls += now - self.syscall_since;
        syscalls += now - self.syscall_since;
        in_syscall--;
        syscall_since -= self.syscall_since;
        self.syscall_since = 0;
    }
    if (thread_exit) {
        /* It may still be the last thread: then it ends the process. */
        ended += thread_ns(&self, now);
        live--;
        born -= self.born;
        syscalls -= self.syscalls;
        self.seen = false;
    } else {
        self.syscall_since = now;
        in_syscall++;
        syscall_since += now;
    }
    qemu_mutex_unlock(&time_lock);
}

void hybrid_time_syscall_end(void)
{
    int64_t d;

    if (!self.seen || !self.syscall_since) {
        return;
    }
    lock_time();
    d = get_clock() - self.syscall_since;
    self.syscalls += d;
    syscalls += d;
    in_syscall--;
    syscall_since -= self.syscall_since;
    self.syscall_since = 0;
    qemu_mutex_unlock(&time_lock);
}

static int64_t counted_ns(int64_t now)
{
    return ended + live * now - born - syscalls -
           (in_syscall * now - syscall_since);
}

void hybrid_time_fork_child(void)
{
    int64_t now;

    if (!time_lock_ready) {
        return;
    }
    /* Another thread may have held the lock at the fork. */
    qemu_mutex_init(&time_lock);
    now = get_clock();
    /* The child's statistics go on from the parent's, traces included. */
    ended = counted_ns(now) - (self.seen ? thread_ns(&self, now) : 0);
    live = self.seen;
    born = self.seen ? self.born : 0;
    syscalls = self.seen ? self.syscalls : 0;
    in_syscall = self.seen && self.syscall_since;
    syscall_since = in_syscall ? self.syscall_since : 0;
}

int64_t hybrid_time_emulation_ns(void)
{
    int64_t ns;

    if (!time_lock_ready) {
        return 0;
    }
    qemu_mutex_lock(&time_lock);
    ns = counted_ns(get_clock());
    qemu_mutex_unlock(&time_lock);
    return ns;
}
