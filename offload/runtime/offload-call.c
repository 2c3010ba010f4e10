/*
 * Offload run time: guest-to-native calls.
 *
 * Owns helper_offload_call(), which a bound block runs in place of the
 * guest function, and the per-thread native stack the bridges run on.
 *
 * The native stack is guest memory (target_mmap), so pointers to native
 * locals that reach guest syscalls (through host-to-guest calls) pass
 * lock_user()'s checks.  A thread switches to it on its outermost call;
 * nested calls (guest -> native -> guest -> native) are already on it
 * and go on below the current frame.  Whether we are on it is decided
 * from the stack pointer, never from a counter, so a fault that unwinds
 * native frames leaves nothing to repair.
 *
 * While native code runs the vCPU is outside its exclusive-work window
 * (cpu_exec_end), as during a syscall, and outside its RCU read section,
 * since native code may run for long or block in guest callbacks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/log.h"
#include "qemu/rcu.h"
#include "qemu/thread.h"
#include "qemu/units.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "hw/core/cpu.h"
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "accel/tcg/tb-context.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/offload/runtime/offload-internal.h"

#define NATIVE_STACK_SIZE (8 * MiB)

__thread int offload_current_func = -1;

typedef struct NativeStack {
    abi_ulong base;            /* lowest address, a guard page */
    abi_ulong size;            /* guard page included */
    struct NativeStack *next;  /* on the free list */
} NativeStack;

static __thread NativeStack *native_stack;

/*
 * Stacks of exited threads, for the next thread that needs one: guest
 * threads come and go, and an unmap from a thread-exit destructor would
 * race with the rest of the exit path.
 */
static QemuMutex free_lock;
static NativeStack *free_stacks;
static pthread_key_t stack_key;

static bool on_native_stack(NativeStack *s, uintptr_t sp)
{
    return s && sp > s->base && sp <= s->base + s->size;
}

static void native_stack_release(void *p)
{
    NativeStack *s = p;

    /* A thread that exits from inside native code is still on it. */
    if (on_native_stack(s, (uintptr_t)__builtin_frame_address(0))) {
        return;
    }
    qemu_mutex_lock(&free_lock);
    s->next = free_stacks;
    free_stacks = s;
    qemu_mutex_unlock(&free_lock);
}

static void native_stack_once(void)
{
    qemu_mutex_init(&free_lock);
    pthread_key_create(&stack_key, native_stack_release);
}

static NativeStack *native_stack_get(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    NativeStack *s;
    abi_long base;

    pthread_once(&once, native_stack_once);
    qemu_mutex_lock(&free_lock);
    s = free_stacks;
    if (s) {
        free_stacks = s->next;
    }
    qemu_mutex_unlock(&free_lock);

    if (!s) {
        abi_ulong size = NATIVE_STACK_SIZE + TARGET_PAGE_SIZE;

        base = target_mmap(0, size, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base == -1) {
            return NULL;
        }
        /* An overflow faults instead of running into other guest memory. */
        target_mprotect(base, TARGET_PAGE_SIZE, PROT_NONE);
        s = g_new0(NativeStack, 1);
        s->base = base;
        s->size = size;
    }
    pthread_setspecific(stack_key, s);
    return s;
}

#ifdef __x86_64__
/*
 * offload_call_on_stack(fn, arg, top): fn(arg) with %rsp = top (16-byte
 * aligned), then back to the caller's stack.  %rbp holds the old stack
 * pointer (callee-saved); the CFI lets debuggers and unwinders through.
 */
void offload_call_on_stack(void (*fn)(OffloadRegs *), OffloadRegs *arg,
                           uintptr_t top);
asm(".text\n"
    ".p2align 4\n"
    ".globl offload_call_on_stack\n"
    ".hidden offload_call_on_stack\n"
    ".type offload_call_on_stack, @function\n"
    "offload_call_on_stack:\n"
    ".cfi_startproc\n"
    "    push %rbp\n"
    ".cfi_def_cfa_offset 16\n"
    ".cfi_offset %rbp, -16\n"
    "    mov %rsp, %rbp\n"
    ".cfi_def_cfa_register %rbp\n"
    "    mov %rdx, %rsp\n"
    "    mov %rdi, %rax\n"
    "    mov %rsi, %rdi\n"
    "    call *%rax\n"
    "    mov %rbp, %rsp\n"
    "    pop %rbp\n"
    ".cfi_def_cfa %rsp, 8\n"
    "    ret\n"
    ".cfi_endproc\n"
    ".size offload_call_on_stack, .-offload_call_on_stack\n");
#endif

/* Run the bridge, on the native stack unless already there. */
static void run_native(void (*bridge)(OffloadRegs *), OffloadRegs *r)
{
#ifdef __x86_64__
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    static bool warned;

    if (!native_stack) {
        native_stack = native_stack_get();
    }
    if (native_stack && !on_native_stack(native_stack, sp)) {
        offload_call_on_stack(bridge, r, (native_stack->base +
                                          native_stack->size) & ~15ul);
        return;
    }
    if (!native_stack && !qatomic_xchg(&warned, true)) {
        fprintf(stderr, "qemu: -offload: no memory for a native stack; "
                "native code runs on the host stack\n");
    }
#endif
    bridge(r);
}

static void regs_from_env(OffloadRegs *r, CPUARMState *env)
{
    memcpy(r->x, env->xregs, sizeof(r->x));
    r->x8 = env->xregs[8];
    r->sp = env->xregs[31];
    for (int i = 0; i < 8; i++) {
        r->v[i][0] = env->vfp.zregs[i].d[0];
        r->v[i][1] = env->vfp.zregs[i].d[1];
    }
    r->nstack = 0;
}

void offload_set_vreg(CPUArchState *env, int i, const uint64_t v[2])
{
    /*
     * The SVE bits above 128 are left alone: at a call boundary they are
     * not part of any argument or result (AAPCS64), and clearing them
     * costs more than the rest of a guest callback.
     */
    env->vfp.zregs[i].d[0] = v[0];
    env->vfp.zregs[i].d[1] = v[1];
}

/* The result registers. */
static void results_to_env(CPUARMState *env, const OffloadRegs *r)
{
    env->xregs[0] = r->x[0];
    env->xregs[1] = r->x[1];
    for (int i = 0; i < 4; i++) {
        offload_set_vreg(env, i, r->v[i]);
    }
}

/*
 * Out of and back into the vCPU's execution state around native code.
 * Not inside an exclusive section (cpu_exec_step_atomic): there the
 * other vCPUs wait for us anyway, and cpu_exec_start would wait for
 * ourselves.
 */
static void leave_guest(CPUState *cpu)
{
    if (!cpu_in_exclusive_context(cpu)) {
        cpu_exec_end(cpu);
    }
    rcu_read_unlock();
}

static void resume_guest(CPUState *cpu)
{
    rcu_read_lock();
    if (!cpu_in_exclusive_context(cpu)) {
        cpu_exec_start(cpu);
    }
}

void HELPER(offload_call)(CPUARMState *env, uint32_t idx)
{
    CPUState *cpu = env_cpu(env);
    OffloadFunc *f = &offload_manifest->funcs[idx];
    OffloadFuncStats *st = &offload_func_stats[idx];
    int outer_func = offload_current_func;
    uint64_t t0 = hybrid_config.stats ? offload_now_ns() : 0;
    unsigned flushes;
    sigjmp_buf outer_jmp;
    OffloadRegs r;

    regs_from_env(&r, env);
    /* A fault in native code is reported at the call site. */
    env->pc = env->xregs[30] - 4;
    qatomic_inc(&st->calls);
    offload_current_func = idx;

    /*
     * A fault in native code ends in cpu_loop_exit() from the host signal
     * handler, i.e. a longjmp to cpu->jmp_env: catch it here to get back
     * into the state cpu_exec() expects, then pass it on.
     */
    memcpy(outer_jmp, cpu->jmp_env, sizeof(outer_jmp));
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        resume_guest(cpu);
        offload_current_func = outer_func;
        memcpy(cpu->jmp_env, outer_jmp, sizeof(outer_jmp));
        siglongjmp(cpu->jmp_env, 1);
    }

    flushes = qatomic_read(&tb_ctx.tb_flush_count);
    leave_guest(cpu);
    run_native(f->bridge, &r);
    resume_guest(cpu);

    memcpy(cpu->jmp_env, outer_jmp, sizeof(outer_jmp));
    offload_current_func = outer_func;
    if (t0) {
        qatomic_add(&st->native_ns, offload_now_ns() - t0);
    }
    results_to_env(env, &r);
    env->pc = env->xregs[30];

    /*
     * A tb_flush while we were outside the exclusive window (here or in
     * a guest callback) may have recycled the code we would return to:
     * leave through the main loop instead, at env->pc.
     */
    if (qatomic_read(&tb_ctx.tb_flush_count) != flushes) {
        qemu_log_mask(LOG_HYBRID, "offload: code flushed during %s, "
                      "returning through the main loop\n", f->name);
        cpu_loop_exit(cpu);
    }
}
