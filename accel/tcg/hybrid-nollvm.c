/*
 * Hybrid translator: the optimizer side of a build without LLVM
 * (./configure --disable-llvm).  hybrid_init() never activates the tier
 * there, so none of these is reached; they keep the hooks linkable.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-queue.h"

void hybrid_optimizer_submit(HybridJob *job)
{
    hybrid_job_free(job);
}

void hybrid_optimizer_wake(void)
{
}

bool hybrid_optimizer_ready(void)
{
    return false;
}

bool hybrid_optimizer_running(void)
{
    return false;
}

bool hybrid_optimizer_throttled(void)
{
    return false;
}

void hybrid_fork_start(void)
{
}

void hybrid_fork_end(bool child)
{
}
