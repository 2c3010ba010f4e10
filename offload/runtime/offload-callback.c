/*
 * Offload run time: host-to-guest calls (OffloadRuntime.call_guest).
 *
 * Native code calls a guest function (a callback, a function it has no
 * native version of, a guest library routine) by running a nested guest
 * main loop on its own thread:
 *
 *  - save the guest registers, load the arguments, push the stack
 *    arguments, set x30 to a return stub and pc to the function;
 *  - sigsetjmp into a frame on this thread's list of open calls, and
 *    run cpu_loop(), which never returns;
 *  - the stub is `movz x8, #OFFLOAD_MAGIC_SYSCALL; svc #0`: do_syscall's
 *    hook finds the open frame whose guest sp matches and siglongjmps
 *    back; the results are copied out and the registers restored.
 *
 * The caller is native code, so the vCPU is outside its exclusive window
 * (helper_offload_call did cpu_exec_end); cpu_loop() is at the same point
 * when it reaches do_syscall, so the jump back leaves it as it was.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "hw/core/cpu.h"
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/offload/runtime/offload-internal.h"

/* The guest page holding the return stub. */
static abi_ulong stub_addr;

/* An open host-to-guest call of this thread. */
typedef struct CallbackFrame {
    sigjmp_buf jmp;
    uint64_t sp;                   /* guest sp when the function returns */
    struct CallbackFrame *outer;
} CallbackFrame;

static __thread CallbackFrame *open_calls;

/* What a call must give back: every register a guest function sees. */
typedef struct SavedCPU {
    uint64_t xregs[32];
    uint64_t pc;
    uint32_t pstate;
    uint64_t v[32][2];
    int exception_index;
    sigjmp_buf jmp_env;
} SavedCPU;

bool offload_callback_init(void)
{
    static const uint32_t stub[] = {
        0xd2800000 | (OFFLOAD_MAGIC_SYSCALL << 5) | 8,  /* movz x8, #MAGIC */
        0xd4000001,                                     /* svc #0 */
    };
    abi_long page;

    page = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == -1) {
        return false;
    }
    memcpy(g2h_untagged(page), stub, sizeof(stub));
    if (target_mprotect(page, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC)) {
        return false;
    }
    stub_addr = page;
    return true;
}

static void save_cpu(SavedCPU *s, CPUState *cpu, CPUARMState *env)
{
    memcpy(s->xregs, env->xregs, sizeof(s->xregs));
    s->pc = env->pc;
    s->pstate = pstate_read(env);
    for (int i = 0; i < 32; i++) {
        s->v[i][0] = env->vfp.zregs[i].d[0];
        s->v[i][1] = env->vfp.zregs[i].d[1];
    }
    s->exception_index = cpu->exception_index;
    memcpy(s->jmp_env, cpu->jmp_env, sizeof(s->jmp_env));
}

static void restore_cpu(const SavedCPU *s, CPUState *cpu, CPUARMState *env)
{
    memcpy(env->xregs, s->xregs, sizeof(s->xregs));
    env->pc = s->pc;
    pstate_write(env, s->pstate);
    for (int i = 0; i < 32; i++) {
        env->vfp.zregs[i].d[0] = s->v[i][0];
        env->vfp.zregs[i].d[1] = s->v[i][1];
    }
    /* As after an exception return: no exclusive access spans a call. */
    env->exclusive_addr = -1;
    cpu->exception_index = s->exception_index;
    memcpy(cpu->jmp_env, s->jmp_env, sizeof(s->jmp_env));
}

/* Load the arguments; returns the guest sp the function starts with. */
static uint64_t load_arguments(CPUARMState *env, const OffloadRegs *r)
{
    uint32_t n = MIN(r->nstack, OFFLOAD_MAX_STACK_WORDS);
    uint64_t sp = (env->xregs[31] - n * 8) & ~15ull;

    memcpy(env->xregs, r->x, sizeof(r->x));
    env->xregs[8] = r->x8;
    for (int i = 0; i < 8; i++) {
        offload_set_vreg(env, i, r->v[i]);
    }
    for (uint32_t i = 0; i < n; i++) {
        put_user_u64(r->stack[i], sp + i * 8);
    }
    return sp;
}

static void call_guest(uint64_t fn, OffloadRegs *r)
{
    CPUState *cpu = thread_cpu;
    CPUARMState *env;
    SavedCPU saved;
    CallbackFrame frame;
    int func = offload_current_func;

    if (!cpu) {
        /* Guest code needs a vCPU: only guest threads have one. */
        fprintf(stderr, "qemu: -offload: native code called guest code "
                "from a host thread\n");
        abort();
    }
    env = cpu->env_ptr;
    save_cpu(&saved, cpu, env);
    frame.sp = load_arguments(env, r);
    env->xregs[31] = frame.sp;
    env->xregs[30] = stub_addr;
    env->pc = fn;
    env->btype = 0;
    if (func >= 0) {
        qatomic_inc(&offload_func_stats[func].callbacks);
    }

    frame.outer = open_calls;
    open_calls = &frame;
    if (sigsetjmp(frame.jmp, 0) == 0) {
        cpu_loop(env);
    }

    /* Back from the stub: offload_syscall_hook() closed the frame. */
    offload_current_func = func;
    r->x[0] = env->xregs[0];
    r->x[1] = env->xregs[1];
    for (int i = 0; i < 4; i++) {
        r->v[i][0] = env->vfp.zregs[i].d[0];
        r->v[i][1] = env->vfp.zregs[i].d[1];
    }
    restore_cpu(&saved, cpu, env);
}

const OffloadRuntime offload_runtime = {
    .version = OFFLOAD_ABI_VERSION,
    .call_guest = call_guest,
};

void offload_syscall_hook(CPUArchState *env, int num)
{
    uint64_t sp = env->xregs[31];

    if (num != OFFLOAD_MAGIC_SYSCALL || !open_calls ||
        env->pc != stub_addr + 8) {
        return;
    }
    /*
     * Calls above the matching one were left by a guest longjmp: they
     * will never return, drop them.
     */
    for (CallbackFrame *f = open_calls; f; f = f->outer) {
        if (f->sp == sp) {
            open_calls = f->outer;
            siglongjmp(f->jmp, 1);
        }
    }
}
