#!/usr/bin/env python3
"""Random aarch64 test-case generator for the differential tester.

A *case* is a small loop: it loads x0-x17, NZCV, FPSR (cleared, or for
some fp cases a few cumulative flags, IXC mostly), FPCR (fp cases) and
v0-v7 from a table, runs a random body of instructions ITERS times
(x21 counts down) and stores the final state into dt_state.  The harness
(harness.c) fills the 1 KiB scratch buffer from the case's memory seed
before every run and passes buffer+BASE_OFF in x0; the case keeps it in
x19.  Every memory access of the body computes its address from
x20 = (some register) & mask, so it stays inside the buffer.

Register use inside a case:
  x0-x17   working registers (random initial values; a syscall unit sets
           x8 = 124 and x0 = 0: sched_yield)
  x19      scratch buffer base, never written by the body
  x20      address register of memory accesses (dumped too: writeback)
  x21      loop counter
  x22      address of an indirect branch or call (not dumped)
  x23      16: the base address of accesses that fault (not dumped)
  x24      counter of inner loops (not dumped)
  x25      retries of load/store-exclusive updates (dumped as xf=)
  x26      status of store-exclusives (not dumped)
  x30      return address of calls to the case's leaf functions
  v0-v7    FP/SIMD working registers

A case is a plain dict (JSON-friendly), so the driver can shrink it and
print it back as assembly with emit_case().  Units of a body are lists of
assembly lines that must stay together (a memory access with its address
computation, a branch, a label).

The instruction generators are mixins of Gen, one module a concern:
gen_operands.py (registers, conditions, immediates), gen_int.py,
gen_mem.py and gen_fpsimd.py.

usage: gen.py SEED NCASES [--flavors=int,intx,fp,simd] > prog.S
"""
import json
import math
import random
import sys

from gen_operands import NREGS, EDGE64, FP_EDGE64, FP_EDGE32, Operands, \
    rand_fpcr
from gen_int import IntOps
from gen_mem import MemOps
from gen_fpsimd import FpSimdOps


# Flavors of cases: which instruction groups a body may use.
#   int   integer ops that TCG expands inline (no helper calls)
#   intx  int + udiv/sdiv/rbit (helper calls)
#   fp    int + scalar floating point (softfloat helpers, some inlined)
#   simd  int + Advanced SIMD (vector TCG ops)
#   all   everything
FLAVORS = [("int", 40), ("intx", 10), ("fp", 20), ("simd", 20), ("all", 10)]


class Gen(Operands, IntOps, MemOps, FpSimdOps):
    def __init__(self, rng, flavor="simd", traps=True):
        self.r = rng
        self.flavor = flavor
        self.recent = []
        self.traps = traps          # may cases raise SIGSEGV/SIGBUS?
        self.may_trap = False       # this case does

    # ---- a body -------------------------------------------------------------
    def unit(self):
        r = self.r
        table = [
            (self.i_addsub_imm, 8), (self.i_addsub_shift, 8),
            (self.i_addsub_ext, 4), (self.i_adc, 5), (self.i_neg, 2),
            (self.i_logic_imm, 5), (self.i_logic_reg, 6), (self.i_cmp, 6),
            (self.i_mul, 5), (self.i_shift, 6),
            (self.i_bitfield, 5), (self.i_extr, 2), (self.i_bitop, 3),
            (self.i_ext, 3), (self.i_csel, 7), (self.i_ccmp, 5),
            (self.i_mov, 3), (self.i_movreg, 1), (self.i_mem, 10),
            (self.i_mempair, 4), (self.i_excl, 1), (self.i_atomic, 2),
        ]
        if self.flavor in ("intx", "all"):
            table.append((self.i_div, 3))
        if self.flavor in ("fp", "all"):
            # fp cases: about a quarter of their instructions are FP.
            table.append((self.i_fp, 40 if self.flavor == "fp" else 12))
        if self.flavor in ("simd", "all"):
            table.append((self.i_simd, 12))
        total = sum(wt for _, wt in table)
        x = r.randrange(total)
        for f, wt in table:
            if x < wt:
                lines = f()
                if any(l.startswith("@X") for l in lines):
                    self.nx = getattr(self, "nx", 0) + 1
                    lines = [l.replace("@X", "@X%d_" % self.nx) for l in lines]
                return {"lines": lines}
            x -= wt
        raise AssertionError

    def branch(self, label):
        r = self.r
        if r.random() < 0.02:
            # An indirect jump: the trace leaves through a lookup.
            return ["adr x22, %s" % label, "br x22"]
        k = r.randrange(19)
        if k < 8:
            return ["b.%s %s" % (self.cond(True), label)]
        if k < 12:
            sf = self.sf()
            return ["%s %s, %s" % (r.choice(["cbz", "cbnz"]), self.rn(sf),
                                   label)]
        if k < 17:
            sf = self.sf()
            return ["%s %s, #%d, %s" % (r.choice(["tbz", "tbnz"]), self.rn(sf),
                                        r.randrange(64 if sf else 32), label)]
        return ["b %s" % label]

    def call(self, func):
        if self.r.random() < 0.6:
            return ["bl %s" % func]
        return ["adr x22, %s" % func, "blr x22"]

    def syscall(self):
        # sched_yield: x0 = 0, nothing else changes; the trace leaves
        # through an exception in the middle of the loop.
        return ["mov x8, #124", "svc #0"]

    def fault(self):
        """An access to the unmapped page at x23 (= 16): SIGSEGV; the
        harness's handler hashes the registers it sees and skips it."""
        r = self.r
        k = r.randrange(7)
        self.may_trap = True
        if k == 0:
            return ["ldr %s, [x23, #%d]" % (self.rd(True), 8 * r.randrange(8))]
        if k == 1:
            return ["str %s, [x23]" % self.src(False)]
        if k == 2:
            a = self.dst()
            b = self.dst()
            while b == a:
                b = self.dst()
            return ["ldp x%d, x%d, [x23, #16]!" % (a, b)]
        if k == 3:
            return ["ldrb %s, [x23], #1" % self.rd(False)]
        if k == 4:
            return ["stp %s, %s, [x23, #-16]" % (self.src(True), self.src(True))]
        if k == 5:
            return ["ldrsh %s, [x23, x23]" % self.rd(True)]
        return ["ldr q%d, [x23]" % self.v() if self.flavor in ("fp", "simd", "all")
                else "ldr %s, [x23]" % self.rd(False)]

    def inner(self, name):
        """An inner counted loop (x24) of a few units."""
        units = [self.unit() for _ in range(self.r.randint(1, 5))]
        return {"inner": units, "n": self.r.choice([1, 2, 3, 5, 9]),
                "name": name}

    def body(self, n, nbranches, funcs=0, syscalls=0, faults=0, inner=0):
        units = [self.unit() for _ in range(n)]
        for i in range(inner):
            units.insert(self.r.randrange(len(units) + 1),
                         self.inner("I%d" % i))
        for _ in range(faults):
            units.insert(self.r.randrange(len(units) + 1),
                         {"lines": self.fault()})
        # Forward branches: insert each branch before unit i and its label
        # before unit j > i (or at the end of the body); a few leave the
        # loop ("break" to the label after it).
        for b in range(nbranches):
            i = self.r.randrange(len(units))
            if self.r.random() < 0.06:
                units.insert(i, {"lines": self.branch("@exit"),
                                 "target": "exit"})
                continue
            j = min(len(units), i + 1 + self.r.randrange(6))
            name = "B%d" % b
            units.insert(j, {"label": name})
            units.insert(i, {"lines": self.branch("@" + name),
                             "target": name})
        for f in range(funcs):
            for _ in range(self.r.choice([1, 1, 2])):
                units.insert(self.r.randrange(len(units) + 1),
                             {"lines": self.call("@F%d" % f)})
        for _ in range(syscalls):
            units.insert(self.r.randrange(len(units) + 1),
                         {"lines": self.syscall()})
        return units

    def func(self):
        """A leaf function's body (it ends with ret)."""
        return [self.unit() for _ in range(self.r.randint(1, 6))]


def rand64(r):
    k = r.randrange(10)
    if k < 3:
        return r.choice(EDGE64)
    if k < 4:
        return r.randrange(256)
    if k < 5:
        return (1 << r.randrange(64)) ^ (0xffffffffffffffff if r.random() < 0.3 else 0)
    if k < 6:
        return r.getrandbits(32) | (0xffffffff00000000 if r.random() < 0.5 else 0)
    if k < 7:
        return (-r.randrange(1, 300)) & 0xffffffffffffffff
    return r.getrandbits(64)


# Exponent ranges of the fp cases with a scale (gen_case()): products
# of two such values underflow ("tiny") or overflow ("huge") about half
# the time, so the underflow and overflow checks of the fast paths
# (docs/fp.md) meet both sides.
FP_SCALES = {"tiny": ((-700, -300), (-90, -30)),
             "huge": ((300, 700), (30, 100))}


def scaled_bits(r, scale, double):
    import struct
    lo, hi = FP_SCALES[scale][0 if double else 1]
    x = math.ldexp(r.uniform(0.5, 1.0) * r.choice([1, -1]), r.randrange(lo, hi))
    if double:
        return struct.unpack("<Q", struct.pack("<d", x))[0]
    return struct.unpack("<I", struct.pack("<f", x))[0]


def rand_fp128(r, scale=None):
    k = r.randrange(6)
    if scale:
        # Every lane: mostly of the scale, else an edge value.
        double = k < 4
        v = 0
        for i in range(2 if double else 4):
            x = (scaled_bits(r, scale, double) if r.random() < 0.7 else
                 r.choice(FP_EDGE64 if double else FP_EDGE32))
            v |= x << ((64 if double else 32) * i)
        return v
    if k == 0:
        return r.getrandbits(128)
    if k < 4:     # two doubles
        return (r.choice(FP_EDGE64) | (rand_double_bits(r) << 64)
                if r.random() < 0.5 else
                rand_double_bits(r) | (r.choice(FP_EDGE64) << 64))
    v = 0
    for i in range(4):
        v |= (r.choice(FP_EDGE32) if r.random() < 0.5 else
              rand_float_bits(r)) << (32 * i)
    return v


def rand_double_bits(r):
    if r.random() < 0.4:
        return r.choice(FP_EDGE64)
    import struct
    if r.random() < 0.2:
        # Any magnitude, the denormals included: products, sums and
        # square roots of these reach overflow and underflow.
        x = math.ldexp(r.uniform(0.5, 1.0) * r.choice([1, -1]),
                       r.randrange(-1073, 1024))
        return struct.unpack("<Q", struct.pack("<d", x))[0]
    x = r.choice([r.uniform(-1e6, 1e6), float(r.randrange(-1000, 1000)),
                  r.uniform(-1, 1), r.uniform(-1e19, 1e19)])
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def rand_float_bits(r):
    if r.random() < 0.4:
        return r.choice(FP_EDGE32)
    import struct
    if r.random() < 0.2:
        x = math.ldexp(r.uniform(0.5, 1.0) * r.choice([1, -1]),
                       r.randrange(-148, 128))
        return struct.unpack("<I", struct.pack("<f", x))[0]
    x = r.choice([r.uniform(-1e6, 1e6), float(r.randrange(-1000, 1000)),
                  r.uniform(-1, 1), r.uniform(-3e9, 3e9)])
    return struct.unpack("<I", struct.pack("<f", x))[0]


def rand_fpsr(r):
    """Initial FPSR: cumulative flags (IOC DZC OFC UFC IXC, IDC), IXC
    mostly (softfloat's host paths need it set)."""
    v = 0x10 if r.random() < 0.8 else 0
    for bit in (0x1, 0x2, 0x4, 0x8, 0x80):
        if r.random() < 0.15:
            v |= bit
    return v


def case_seed(seed, k):
    return (seed * 1000003 + k * 7919 + 12345) & 0xffffffffffff


def pick_flavor(r, allowed):
    table = [(f, w) for f, w in FLAVORS if f in allowed]
    x = r.randrange(sum(w for _, w in table))
    for f, w in table:
        if x < w:
            return f
        x -= w
    raise AssertionError


def gen_case(seed, k, flavors=None, min_len=5, max_len=40):
    """Case k of program seed: a dict; depends only on (seed, k, flavors).

    Odd seeds make programs that never trap: they install no SIGSEGV or
    SIGBUS handler, so the hybrid tier builds their traces for a guest
    that cannot see the registers of a fault (docs/hybrid-tier.md)."""
    r = random.Random(case_seed(seed, k))
    flavor = pick_flavor(r, flavors or [f for f, _ in FLAVORS])
    fp = flavor in ("fp", "simd", "all")
    g = Gen(r, flavor, traps=seed % 2 == 0)
    n = r.randint(min_len, max_len)
    nbr = r.choice([0, 0, 1, 1, 2, 3, 4])
    if r.random() < 0.03:
        # A long body with many blocks (traces hold at most 64 blocks).
        n = r.randint(60, 200)
        nbr = r.randint(10, 60)
    scale = None
    if fp and r.random() < 0.3:
        scale = r.choice(sorted(FP_SCALES))
    fpcr = 0
    if fp and r.random() < (0.6 if scale else 0.35):
        fpcr = rand_fpcr(r)
    fpsr = 0
    if fp and r.random() < 0.4:
        fpsr = rand_fpsr(r)
    iters = r.choice([3, 4, 5, 7, 8, 10, 16, 25, 31, 50, 64, 100])
    # Calls end in ret (an indirect branch): such loops never form a
    # chained cycle and stay in TCG, so keep them rare.
    nfuncs = 0 if r.random() < 0.9 else r.choice([1, 1, 2])
    funcs = {"F%d" % i: g.func() for i in range(nfuncs)}
    nsys = 1 if r.random() < 0.03 else 0
    nfaults = 1 if r.random() < 0.03 and g.traps else 0
    if nfaults:
        iters = min(iters, 16)      # each fault costs a signal delivery
    elif r.random() < 0.03:
        iters = r.choice([300, 1000, 4000])   # more time for signals
    ninner = 0 if r.random() < 0.85 else r.choice([1, 1, 2])
    return {
        "name": "s%d_c%d" % (seed, k),
        "flavor": flavor,
        "regs": [rand64(r) for _ in range(NREGS)],
        "nzcv": r.randrange(16) << 28,
        "fp": [rand_fp128(r, scale) for _ in range(8)] if fp else [0] * 8,
        "memseed": r.getrandbits(63) | 1,
        "iters": iters,
        "fpcr": fpcr,
        "fpsr": fpsr,
        "body": g.body(n, nbr, nfuncs, nsys, nfaults, ninner),
        "funcs": funcs,
        "traps": g.may_trap,
    }


def body_valid(body):
    """Every branch's label follows it; every label is used or harmless."""
    seen = set()
    pending = set()
    for u in body:
        if u.get("target") == "exit":
            continue
        if "label" in u:
            seen.add(u["label"])
            pending.discard(u["label"])
        elif "target" in u:
            if u["target"] in seen:
                return False
            pending.add(u["target"])
    return not pending


def emit_units(units, p, a):
    for u in units:
        if "label" in u:
            a("%s%s:" % (p, u["label"]))
        elif "inner" in u:
            a("    mov x24, #%d" % u["n"])
            a("%s%s:" % (p, u["name"]))
            emit_units(u["inner"], p, a)
            a("    sub x24, x24, #1")
            a("    cbnz x24, %s%s" % (p, u["name"]))
        else:
            for line in u["lines"]:
                if line.endswith(":"):
                    a(line.replace("@", p))
                else:
                    a("    " + line.replace("@", p))


def unit_lines(units):
    """Every instruction line of @units (inner loops included)."""
    out = []
    for u in units:
        out += u.get("lines", [])
        out += unit_lines(u.get("inner", []))
    return out


def emit_case(c, idx):
    """Assembly of case @c as function dt_case_<idx>."""
    p = ".Lc%d_" % idx
    out = []
    a = out.append
    a("// case %s (%s): %d iterations%s%s" % (
        c["name"], c.get("flavor", "?"), c["iters"],
        ", fpcr 0x%x" % c["fpcr"] if c.get("fpcr") else "",
        ", fpsr 0x%x" % c["fpsr"] if c.get("fpsr") else ""))
    a(".p2align 4")
    a("dt_case_%d:" % idx)
    a("    stp x29, x30, [sp, #-96]!")
    a("    stp x19, x20, [sp, #16]")
    a("    stp x21, x22, [sp, #32]")
    a("    stp x23, x24, [sp, #48]")
    a("    stp x25, x26, [sp, #64]")
    a("    mov x19, x0")
    a("    adr x16, %sinit" % p)
    a("    ldr x17, [x16, #%d]" % (NREGS * 8))
    a("    msr nzcv, x17")
    if c.get("fpsr"):
        a("    mov x17, #0x%x" % c["fpsr"])
        a("    msr fpsr, x17")
    else:
        a("    msr fpsr, xzr")
    if c.get("fpcr"):
        a("    mov x17, #0x%x" % c["fpcr"])
        a("    msr fpcr, x17")
    a("    ldp q0, q1, [x16, #%d]" % (NREGS * 8 + 16))
    a("    ldp q2, q3, [x16, #%d]" % (NREGS * 8 + 48))
    a("    ldp q4, q5, [x16, #%d]" % (NREGS * 8 + 80))
    a("    ldp q6, q7, [x16, #%d]" % (NREGS * 8 + 112))
    for i in range(0, NREGS - 2, 2):
        a("    ldp x%d, x%d, [x16, #%d]" % (i, i + 1, i * 8))
    a("    ldp x16, x17, [x16, #%d]" % ((NREGS - 2) * 8))
    a("    mov x20, #0")
    a("    mov x21, #%d" % c["iters"])
    a("    mov x22, #0")
    a("    mov x23, #16")
    a("    mov x24, #0")
    a("    mov x25, #0")
    a("    mov x26, #0")
    a("%sloop:" % p)
    emit_units(c["body"], p, a)
    a("    sub x21, x21, #1")
    a("    cbnz x21, %sloop" % p)
    a("%sexit:" % p)
    a("    adrp x21, dt_state")
    a("    add x21, x21, :lo12:dt_state")
    for i in range(0, NREGS, 2):
        a("    stp x%d, x%d, [x21, #%d]" % (i, i + 1, i * 8))
    a("    mrs x0, nzcv")
    a("    mrs x1, fpsr")
    a("    stp x20, x0, [x21, #%d]" % (NREGS * 8))
    a("    str x1, [x21, #%d]" % (NREGS * 8 + 16))
    for i in range(0, 8, 2):
        a("    stp q%d, q%d, [x21, #%d]" % (i, i + 1, NREGS * 8 + 32 + i * 16))
    a("    str x25, [x21, #%d]" % (NREGS * 8 + 32 + 8 * 16 + 16))
    if c.get("fpcr") or any(l.startswith("msr fpcr") for l in unit_lines(
            c["body"] + sum(c.get("funcs", {}).values(), []))):
        a("    msr fpcr, xzr")
    a("    ldp x25, x26, [sp, #64]")
    a("    ldp x23, x24, [sp, #48]")
    a("    ldp x21, x22, [sp, #32]")
    a("    ldp x19, x20, [sp, #16]")
    a("    ldp x29, x30, [sp], #96")
    a("    ret")
    for name, units in sorted(c.get("funcs", {}).items()):
        a("%s%s:" % (p, name))
        emit_units(units, p, a)
        a("    ret")
    a(".p2align 3")
    a("%sinit:" % p)
    for v in c["regs"]:
        a("    .quad 0x%016x" % v)
    a("    .quad 0x%x, 0" % c["nzcv"])
    for v in c["fp"]:
        a("    .quad 0x%016x, 0x%016x" % (v & (2**64 - 1), v >> 64))
    return out


def emit_program(cases, comment=None):
    out = ["// generated by tests/difftest/gen.py"]
    if comment:
        out += ["// " + l for l in comment.splitlines()]
    out += [".arch armv8.3-a", ".text"]
    for i, c in enumerate(cases):
        out += emit_case(c, i)
    out += [".data", ".p2align 3", ".global dt_cases", "dt_cases:"]
    for i, c in enumerate(cases):
        out.append("    .quad dt_case_%d, 0x%x" % (i, c["memseed"]))
    out += [".global dt_ncases", "dt_ncases:", "    .quad %d" % len(cases)]
    # The harness installs its SIGSEGV/SIGBUS handlers before the batch
    # that holds this case: the cases before it run with none.
    first = [i for i, c in enumerate(cases) if c.get("traps", True)]
    out += [".global dt_trap_first", "dt_trap_first:",
            "    .quad %d" % (first[0] if first else len(cases))]
    return "\n".join(out) + "\n"


def gen_program(seed, ncases, flavors=None):
    cases = [gen_case(seed, k, flavors) for k in range(ncases)]
    return cases, emit_program(cases, "seed %d, %d cases" % (seed, ncases))


def main(argv):
    flavors = None
    args = []
    for a in argv:
        if a.startswith("--flavors="):
            flavors = a.split("=", 1)[1].split(",")
        else:
            args.append(a)
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    _, text = gen_program(int(args[0]), int(args[1]), flavors)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
