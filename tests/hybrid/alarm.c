/*
 * Hybrid test: SIGALRM (setitimer) interrupting long-running hot loops.
 *
 * The loops would run for years; a one-shot timer fires after the warm-up
 * time, by which the loop has become a trace, and the trace must notice
 * the pending signal (the exit-request poll at block starts).
 *   a. a loop polling a volatile flag that the handler sets;
 *   b. a pure register loop (no memory access at all) left by siglongjmp;
 *   c. the same loop ended by the handler editing the interrupted context
 *      (x0 = 1), so the loop ends by itself after sigreturn;
 *   d. a finite register loop interrupted every 5 ms by a periodic timer,
 *      with the handler only checking the context: the loop's result must
 *      come out exact.
 * The handlers check the interrupted context: pc inside the loop, and the
 * loop invariant of x0 and x1 at that pc (and Z clear at the b.ne).
 */
#include "hyb.h"
#include <sys/time.h>

/*
 * uint64_t hyb_reg_loop(uint64_t n): x1 counts up while x0 counts down;
 * returns x1.  Invariant at "1:" and at the b.ne: x0 + x1 == n; at the
 * subs: x0 + x1 == n + 1.
 *
 * uint64_t hyb_poll_loop(int *flag): spins doing register work until *flag.
 */
__asm__(
    "    .text\n"
    "    .p2align 6\n"
    "    .globl hyb_reg_loop\n"
    "hyb_reg_loop:\n"
    "    adrp x9, hyb_in_loop\n"
    "    mov w10, #1\n"
    "    str w10, [x9, :lo12:hyb_in_loop]\n"
    "    .globl hyb_reg_start\n"
    "hyb_reg_start:\n"
    "    mov x1, #0\n"
    "    .globl hyb_reg_add\n"
    "hyb_reg_add:\n"
    "    add x1, x1, #1\n"
    "    .globl hyb_reg_subs\n"
    "hyb_reg_subs:\n"
    "    subs x0, x0, #1\n"
    "    .globl hyb_reg_bne\n"
    "hyb_reg_bne:\n"
    "    b.ne hyb_reg_add\n"
    "    .globl hyb_reg_end\n"
    "hyb_reg_end:\n"
    "    str wzr, [x9, :lo12:hyb_in_loop]\n"
    "    mov x0, x1\n"
    "    ret\n"

    "    .p2align 6\n"
    "    .globl hyb_poll_loop\n"
    "hyb_poll_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, #0\n"
    "1:  add x9, x9, #1\n"
    "    eor x10, x10, x9, lsl #3\n"
    "    ror x10, x10, #5\n"
    "    ldr w11, [x0]\n"
    "    cbz w11, 1b\n"
    "    mov x0, x9\n"
    "    ret\n");
uint64_t hyb_reg_loop(uint64_t n);
uint64_t hyb_poll_loop(volatile int *flag);
extern const char hyb_reg_add[], hyb_reg_subs[], hyb_reg_bne[];
extern const char hyb_reg_start[], hyb_reg_end[];
/*
 * Set by hyb_reg_loop between hyb_reg_start and hyb_reg_end: a periodic
 * timer (test d) also fires just before the loop is entered and just
 * after it returns, where there is no invariant to check.
 */
volatile int hyb_in_loop;

static volatile int poll_flag;
static volatile int handler_runs;
static volatile double fired_at;
static sigjmp_buf jb;
static uint64_t loop_n;
static volatile int mode;                /* what the handler does */
enum { M_FLAG, M_LONGJMP, M_FIXUP, M_CHECK };

static volatile long bad_context;
static volatile uint64_t fix_expect;     /* M_FIXUP: the loop's result */
static char bad_why[160];

/* Check an interrupted context of hyb_reg_loop; false if it is wrong. */
static bool reg_context_ok(void *uc)
{
    uint64_t *r = uc_regs(uc);
    uint64_t pc = uc_pc(uc), sum = r[0] + r[1];
    const char *why = NULL;

    if (pc == (uint64_t)(uintptr_t)hyb_reg_add ||
        pc == (uint64_t)(uintptr_t)hyb_reg_bne) {
        if (sum != loop_n) {
            why = "x0 + x1 != n";
        }
    } else if (pc == (uint64_t)(uintptr_t)hyb_reg_subs) {
        if (sum != loop_n + 1) {
            why = "x0 + x1 != n + 1";
        }
    } else {
        why = "pc outside the loop";
    }
    if (!why && pc == (uint64_t)(uintptr_t)hyb_reg_bne && r[1] > 0 &&
        (uc_nzcv(uc) & 0x40000000u)) {
        why = "Z set at the b.ne";
    }
    if (why) {
        if (bad_context++ == 0) {
            snprintf(bad_why, sizeof(bad_why), "%s (pc %#" PRIx64 ", x0 %#"
                     PRIx64 ", x1 %#" PRIx64 ", n %#" PRIx64 ")", why, pc,
                     r[0], r[1], loop_n);
        }
        return false;
    }
    return true;
}

static void alarm_handler(int sig, siginfo_t *si, void *uc)
{
    uint64_t *r = uc_regs(uc);
    uint64_t pc = uc_pc(uc);

    (void)sig;
    (void)si;
    handler_runs++;
    if (!fired_at) {
        fired_at = now_s();
    }
    switch (mode) {
    case M_FLAG:
        poll_flag = 1;
        break;
    case M_LONGJMP:
        reg_context_ok(uc);
        siglongjmp(jb, 1);
    case M_FIXUP:
        if (reg_context_ok(uc)) {
            /* Make this the last iteration; the loop returns x1. */
            fix_expect = pc == (uint64_t)(uintptr_t)hyb_reg_subs ? r[1]
                                                                 : r[1] + 1;
            r[0] = 1;
        } else {
            fix_expect = 0;
            r[0] = 1;
        }
        break;
    case M_CHECK:
        if (hyb_in_loop &&
            uc_pc(uc) != (uint64_t)(uintptr_t)hyb_reg_start &&
            uc_pc(uc) != (uint64_t)(uintptr_t)hyb_reg_end) {
            reg_context_ok(uc);
        }
        break;
    }
}

static void arm_timer(double first, double interval)
{
    struct itimerval it;

    it.it_value.tv_sec = (time_t)first;
    it.it_value.tv_usec = (long)((first - (time_t)first) * 1e6);
    it.it_interval.tv_sec = (time_t)interval;
    it.it_interval.tv_usec = (long)((interval - (time_t)interval) * 1e6);
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0) {
        it.it_value.tv_usec = 1000;
    }
    setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm_timer(void)
{
    struct itimerval it;

    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
}

/* The handler must run soon after the timer fires, not seconds later. */
static void check_prompt(const char *name, double armed, double delay,
                         double left)
{
    CHECK(fired_at >= armed, "%s: handler never ran", name);
    CHECK(left - fired_at < 5.0, "%s: loop left %.1f s after the handler ran",
          name, left - fired_at);
    CHECK(fired_at - (armed + delay) < 5.0, "%s: handler ran %.1f s late",
          name, fired_at - (armed + delay));
}

int main(void)
{
    double t0, d;

    setvbuf(stdout, NULL, _IOLBF, 0);
    set_handler(SIGALRM, alarm_handler, 0);

    /* a. polling a flag */
    mode = M_FLAG;
    handler_runs = 0;
    fired_at = 0;
    d = warm_s(100);
    t0 = now_s();
    arm_timer(d, 0);
    hyb_poll_loop(&poll_flag);
    check_prompt("a", t0, d, now_s());
    printf("a. flag-polling loop: stopped by the handler (%d run)\n",
           handler_runs);

    /* b. pure register loop, siglongjmp out */
    mode = M_LONGJMP;
    handler_runs = 0;
    fired_at = 0;
    bad_context = 0;
    loop_n = 1ull << 62;
    d = warm_s(30);
    t0 = now_s();
    if (sigsetjmp(jb, 1) == 0) {
        arm_timer(d, 0);
        hyb_reg_loop(loop_n);
        CHECK(0, "b: the loop ended by itself");
    }
    check_prompt("b", t0, d, now_s());
    CHECK(bad_context == 0, "b: interrupted context wrong: %s", bad_why);
    printf("b. register loop: left by siglongjmp (%d run), context %s\n",
           handler_runs, bad_context ? "WRONG" : "consistent");

    /* c. pure register loop, ended by editing the context */
    mode = M_FIXUP;
    handler_runs = 0;
    fired_at = 0;
    bad_context = 0;
    loop_n = (1ull << 62) + 12345;
    d = warm_s(30);
    t0 = now_s();
    arm_timer(d, 0);
    {
        uint64_t got = hyb_reg_loop(loop_n);

        check_prompt("c", t0, d, now_s());
        CHECK(bad_context == 0, "c: interrupted context wrong: %s", bad_why);
        CHECK(handler_runs == 1, "c: handler ran %d times", handler_runs);
        CHECK(got == fix_expect, "c: loop returned %#" PRIx64 ", expected %#"
              PRIx64, got, fix_expect);
        printf("c. register loop: ended after the handler set x0 = 1 (%d "
               "run), result %s\n", handler_runs,
               got == fix_expect ? "exact" : "WRONG");
    }

    /* d. periodic interruptions of a finite loop */
    hyb_in_loop = 0;            /* test b left the loop by siglongjmp */
    mode = M_CHECK;
    handler_runs = 0;
    fired_at = 0;
    bad_context = 0;
    loop_n = 60000000;
    arm_timer(0.005, 0.005);
    {
        uint64_t got = hyb_reg_loop(loop_n);

        disarm_timer();
        CHECK(got == loop_n, "d: loop returned %" PRIu64 ", expected %" PRIu64,
              got, loop_n);
        CHECK(bad_context == 0, "d: interrupted context wrong: %s", bad_why);
        printf("d. register loop under a 5 ms periodic timer: result %s, "
               "contexts %s\n", got == loop_n ? "exact" : "WRONG",
               bad_context ? "WRONG" : "consistent");
    }
    return finish("alarm");
}
