#!/usr/bin/env python3
"""Random aarch64 test-case generator for the differential tester.

A *case* is a small loop: it loads x0-x17, NZCV, FPSR (cleared) and
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

usage: gen.py SEED NCASES [--flavors=int,intx,fp,simd] > prog.S
"""
import json
import random
import sys

NREGS = 18                 # x0..x17
BUF_SIZE = 1024
BASE_OFF = 384             # x19 = buffer + BASE_OFF

CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le"]
CONDS_ALL = CONDS + ["al", "nv"]

EDGE64 = [0, 1, 2, 3, 0xffffffffffffffff, 0xfffffffffffffffe,
          0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000001,
          0x80000000, 0x7fffffff, 0xffffffff, 0x100000000, 0xffffffff80000000,
          0x00000000ffff0000, 0xffff, 0x8000, 0x80, 0x7f, 0xff, 63, 64, 31, 32,
          0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0123456789abcdef]

FP_EDGE64 = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
             0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
             0x7ff8000000000000, 0x7ff4000000000000, 0xfff8000000000001,
             0x0000000000000001, 0x000fffffffffffff, 0x0010000000000000,
             0x7fefffffffffffff, 0x4340000000000000, 0xc3e0000000000000,
             0x43e0000000000000, 0x41dfffffffc00000, 0x3fe0000000000000,
             0x4000000000000000, 0x400921fb54442d18]
FP_EDGE32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
             0xff800000, 0x7fc00000, 0x7fa00000, 0x00000001, 0x007fffff,
             0x00800000, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x5f000000,
             0x3f000000, 0x40490fdb]


# Flavors of cases: which instruction groups a body may use.
#   int   integer ops that TCG expands inline (no helper calls)
#   intx  int + udiv/sdiv/rbit (helper calls)
#   fp    int + scalar floating point (softfloat helpers, some inlined)
#   simd  int + Advanced SIMD (vector TCG ops)
#   all   everything
FLAVORS = [("int", 40), ("intx", 10), ("fp", 20), ("simd", 20), ("all", 10)]


class Gen:
    def __init__(self, rng, flavor="simd", traps=True):
        self.r = rng
        self.flavor = flavor
        self.recent = []
        self.traps = traps          # may cases raise SIGSEGV/SIGBUS?
        self.may_trap = False       # this case does

    # ---- operands ---------------------------------------------------------
    def reg(self):
        r = self.r
        if self.recent and r.random() < 0.45:
            return r.choice(self.recent)
        return r.randrange(NREGS)

    def dst(self):
        n = self.r.randrange(NREGS)
        self.recent = (self.recent + [n])[-4:]
        return n

    @staticmethod
    def x(n):
        return "x%d" % n

    @staticmethod
    def w(n):
        return "w%d" % n

    def src(self, sf, zr_ok=True):
        """A source register name; sometimes xzr/wzr when the encoding
        reads register 31 as zero."""
        if zr_ok and self.r.random() < 0.04:
            return "xzr" if sf else "wzr"
        n = self.reg()
        return self.x(n) if sf else self.w(n)

    def rn(self, sf):
        return self.x(self.reg()) if sf else self.w(self.reg())

    def rd(self, sf):
        n = self.dst()
        return self.x(n) if sf else self.w(n)

    def sf(self):
        return self.r.random() < 0.6

    def bitmask_imm(self, sf):
        r = self.r
        sizes = [2, 4, 8, 16, 32, 64] if sf else [2, 4, 8, 16, 32]
        e = r.choice(sizes)
        s = r.randrange(1, e)
        rot = r.randrange(e)
        elt = (1 << s) - 1
        elt = ((elt >> rot) | (elt << (e - rot))) & ((1 << e) - 1)
        width = 64 if sf else 32
        v = 0
        for i in range(0, width, e):
            v |= elt << i
        return v

    def cond(self, allow_alnv=False):
        if allow_alnv and self.r.random() < 0.06:
            return self.r.choice(["al", "nv"])
        return self.r.choice(CONDS)

    # ---- integer instructions --------------------------------------------
    def i_addsub_imm(self):
        r, sf = self.r, self.sf()
        op = r.choice(["add", "sub", "adds", "subs"])
        imm = r.choice([r.randrange(4096), r.randrange(16), 4095, 0, 1])
        sh = ", lsl #12" if r.random() < 0.2 else ""
        return ["%s %s, %s, #%d%s" % (op, self.rd(sf), self.rn(sf), imm, sh)]

    def i_addsub_shift(self):
        r, sf = self.r, self.sf()
        op = r.choice(["add", "sub", "adds", "subs"])
        sh = ""
        if r.random() < 0.6:
            sh = ", %s #%d" % (r.choice(["lsl", "lsr", "asr"]),
                               r.randrange(64 if sf else 32))
        return ["%s %s, %s, %s%s" % (op, self.rd(sf), self.src(sf),
                                     self.src(sf), sh)]

    def i_addsub_ext(self):
        r, sf = self.r, self.sf()
        op = r.choice(["add", "sub", "adds", "subs"])
        ext = r.choice(["uxtb", "uxth", "uxtw", "sxtb", "sxth", "sxtw",
                        "uxtx", "sxtx"])
        amt = r.randrange(5)
        m = self.reg()
        if sf and ext in ("uxtx", "sxtx"):
            rm = self.x(m)
        else:
            rm = self.w(m)
        return ["%s %s, %s, %s, %s #%d" % (op, self.rd(sf), self.rn(sf),
                                           rm, ext, amt)]

    def i_adc(self):
        r, sf = self.r, self.sf()
        op = r.choice(["adc", "adcs", "sbc", "sbcs", "ngc", "ngcs"])
        if op.startswith("ngc"):
            return ["%s %s, %s" % (op, self.rd(sf), self.src(sf))]
        return ["%s %s, %s, %s" % (op, self.rd(sf), self.src(sf), self.src(sf))]

    def i_neg(self):
        r, sf = self.r, self.sf()
        op = r.choice(["neg", "negs", "mvn"])
        sh = ""
        if r.random() < 0.3:
            kinds = ["lsl", "lsr", "asr"] + (["ror"] if op == "mvn" else [])
            sh = ", %s #%d" % (r.choice(kinds), r.randrange(64 if sf else 32))
        return ["%s %s, %s%s" % (op, self.rd(sf), self.src(sf), sh)]

    def i_logic_imm(self):
        r, sf = self.r, self.sf()
        op = r.choice(["and", "orr", "eor", "ands"])
        return ["%s %s, %s, #0x%x" % (op, self.rd(sf), self.src(sf),
                                      self.bitmask_imm(sf))]

    def i_logic_reg(self):
        r, sf = self.r, self.sf()
        op = r.choice(["and", "orr", "eor", "ands", "bic", "orn", "eon",
                       "bics"])
        sh = ""
        if r.random() < 0.6:
            sh = ", %s #%d" % (r.choice(["lsl", "lsr", "asr", "ror"]),
                               r.randrange(64 if sf else 32))
        return ["%s %s, %s, %s%s" % (op, self.rd(sf), self.src(sf),
                                     self.src(sf), sh)]

    def i_cmp(self):
        r, sf = self.r, self.sf()
        k = r.randrange(5)
        if k == 0:
            return ["%s %s, #%d" % (r.choice(["cmp", "cmn"]), self.rn(sf),
                                    r.choice([0, 1, r.randrange(4096)]))]
        if k == 1:
            return ["tst %s, #0x%x" % (self.src(sf), self.bitmask_imm(sf))]
        sh = ""
        if r.random() < 0.3:
            sh = ", %s #%d" % (r.choice(["lsl", "lsr", "asr"]),
                               r.randrange(64 if sf else 32))
        op = r.choice(["cmp", "cmn", "tst"])
        return ["%s %s, %s%s" % (op, self.src(sf), self.src(sf), sh)]

    def i_mul(self):
        r, sf = self.r, self.sf()
        k = r.randrange(4)
        if k == 0:
            return ["%s %s, %s, %s" % (r.choice(["mul", "mneg"]), self.rd(sf),
                                       self.src(sf), self.src(sf))]
        if k == 1:
            return ["%s %s, %s, %s, %s" % (r.choice(["madd", "msub"]),
                                           self.rd(sf), self.src(sf),
                                           self.src(sf), self.src(sf))]
        if k == 2:
            op = r.choice(["smull", "umull", "smnegl", "umnegl", "smaddl",
                           "umaddl", "smsubl", "umsubl"])
            args = [self.rd(True), self.src(False), self.src(False)]
            if op.endswith("addl") or op.endswith("subl"):
                args.append(self.src(True))
            return ["%s %s" % (op, ", ".join(args))]
        return ["%s %s, %s, %s" % (r.choice(["smulh", "umulh"]), self.rd(True),
                                   self.src(True), self.src(True))]

    def i_div(self):
        r, sf = self.r, self.sf()
        return ["%s %s, %s, %s" % (r.choice(["udiv", "sdiv"]), self.rd(sf),
                                   self.src(sf), self.src(sf))]

    def i_shift(self):
        r, sf = self.r, self.sf()
        w = 64 if sf else 32
        if r.random() < 0.5:
            return ["%s %s, %s, #%d" % (r.choice(["lsl", "lsr", "asr", "ror"]),
                                        self.rd(sf), self.rn(sf),
                                        r.randrange(w))]
        return ["%s %s, %s, %s" % (r.choice(["lsl", "lsr", "asr", "ror",
                                             "lslv", "lsrv", "asrv", "rorv"]),
                                   self.rd(sf), self.src(sf), self.src(sf))]

    def i_bitfield(self):
        r, sf = self.r, self.sf()
        w = 64 if sf else 32
        op = r.choice(["ubfx", "sbfx", "bfi", "bfxil", "ubfiz", "sbfiz",
                       "ubfm", "sbfm", "bfm"])
        if op.endswith("m"):
            return ["%s %s, %s, #%d, #%d" % (op, self.rd(sf), self.src(sf),
                                             r.randrange(w), r.randrange(w))]
        lsb = r.randrange(w)
        width = r.randint(1, w - lsb)
        return ["%s %s, %s, #%d, #%d" % (op, self.rd(sf), self.src(sf), lsb,
                                         width)]

    def i_extr(self):
        r, sf = self.r, self.sf()
        return ["extr %s, %s, %s, #%d" % (self.rd(sf), self.src(sf),
                                          self.src(sf),
                                          r.randrange(64 if sf else 32))]

    def i_bitop(self):
        r, sf = self.r, self.sf()
        ops = ["clz", "cls", "rev", "rev16"] + (["rev32"] if sf else [])
        if self.flavor in ("intx", "all"):
            ops.append("rbit")
        return ["%s %s, %s" % (r.choice(ops), self.rd(sf), self.src(sf))]

    def i_ext(self):
        r = self.r
        op = r.choice(["sxtb", "sxth", "sxtw", "uxtb", "uxth"])
        if op == "sxtw":
            return ["sxtw %s, %s" % (self.rd(True), self.rn(False))]
        if op.startswith("u"):
            return ["%s %s, %s" % (op, self.rd(False), self.rn(False))]
        sf = self.sf()
        return ["%s %s, %s" % (op, self.rd(sf), self.rn(False))]

    def i_csel(self):
        r, sf = self.r, self.sf()
        k = r.randrange(3)
        if k == 0:
            op = r.choice(["csel", "csinc", "csinv", "csneg"])
            return ["%s %s, %s, %s, %s" % (op, self.rd(sf), self.src(sf),
                                           self.src(sf), self.cond(True))]
        if k == 1:
            return ["%s %s, %s" % (r.choice(["cset", "csetm"]), self.rd(sf),
                                   self.cond())]
        return ["%s %s, %s, %s" % (r.choice(["cinc", "cinv", "cneg"]),
                                   self.rd(sf), self.src(sf), self.cond())]

    def i_ccmp(self):
        r, sf = self.r, self.sf()
        op = r.choice(["ccmp", "ccmn"])
        if r.random() < 0.5:
            b = "#%d" % r.randrange(32)
        else:
            b = self.src(sf)
        return ["%s %s, %s, #%d, %s" % (op, self.src(sf), b, r.randrange(16),
                                        self.cond(True))]

    def i_mov(self):
        r, sf = self.r, self.sf()
        op = r.choice(["movz", "movk", "movn", "movk"])
        sh = r.choice([0, 16, 32, 48] if sf else [0, 16])
        imm = r.choice([r.randrange(65536), 0, 0xffff, 0x8000])
        return ["%s %s, #0x%x, lsl #%d" % (op, self.rd(sf), imm, sh)]

    def i_movreg(self):
        sf = self.sf()
        return ["mov %s, %s" % (self.rd(sf), self.src(sf))]

    # ---- memory -------------------------------------------------------------
    def i_mem(self):
        """One access; the first line computes x20 from a working register."""
        r = self.r
        load = r.random() < 0.55
        idx = self.x(self.reg())
        kind = r.choice(["x", "w", "h", "b", "x", "w"])
        size = {"x": 8, "w": 4, "h": 2, "b": 1}[kind]
        if load:
            if kind == "x":
                op, t = "ldr", self.rd(True)
            elif kind == "w":
                op, t = r.choice([("ldr", self.rd(False)),
                                  ("ldrsw", self.rd(True))])
            elif kind == "h":
                op, t = r.choice([("ldrh", self.rd(False)),
                                  ("ldrsh", self.rd(False)),
                                  ("ldrsh", self.rd(True))])
            else:
                op, t = r.choice([("ldrb", self.rd(False)),
                                  ("ldrsb", self.rd(False)),
                                  ("ldrsb", self.rd(True))])
        else:
            op = {"x": "str", "w": "str", "h": "strh", "b": "strb"}[kind]
            t = self.src(kind == "x")
        mode = r.choice(["reg", "regsh", "regext", "unscaled", "scaled",
                         "pre", "post"])
        if mode in ("regsh", "regext"):
            sh = {8: 3, 4: 2, 2: 1, 1: 0}[size]
            mask = {8: 0x3f, 4: 0x7f, 2: 0xff, 1: 0xff}[size]
            lines = ["and x20, %s, #0x%x" % (idx, mask)]
            if mode == "regsh":
                lines.append("%s %s, [x19, x20, lsl #%d]" % (op, t, sh))
            else:
                lines.append("%s %s, [x19, w20, %s #%d]" %
                             (op, t, r.choice(["uxtw", "sxtw"]), sh))
            return lines
        lines = ["and x20, %s, #0xff" % idx]
        if mode == "reg":
            lines.append("%s %s, [x19, x20]" % (op, t))
            return lines
        lines.append("add x20, x19, x20")
        if mode == "unscaled":
            uop = op.replace("ldr", "ldur").replace("str", "stur")
            lines.append("%s %s, [x20, #%d]" % (uop, t, r.randrange(-256, 256)))
        elif mode == "scaled":
            lines.append("%s %s, [x20, #%d]" % (op, t,
                                                size * r.randrange(360 // size)))
        elif mode == "pre":
            lines.append("%s %s, [x20, #%d]!" % (op, t, r.randrange(-256, 256)))
        else:
            lines.append("%s %s, [x20], #%d" % (op, t, r.randrange(-256, 256)))
        return lines

    def align_mask(self, size):
        if self.r.random() < 0.08 and self.traps:
            self.may_trap = True
            return 0xff                 # maybe unaligned: SIGBUS, skipped
        return 0x100 - size

    def i_excl(self):
        """A load/store-exclusive update, retried until it succeeds (while
        x25 < 32; no flags are touched: the retries depend on signals); x25
        counts the retries, w26 is the status."""
        r = self.r
        sf = r.random() < 0.6
        size = 8 if sf else 4
        lines = ["and x20, %s, #0x%x" % (self.x(self.reg()),
                                          self.align_mask(size)),
                 "add x20, x19, x20"]
        t = self.dst()
        n = self.dst()
        while n == t:
            n = self.dst()
        reg = self.x if sf else self.w
        ld = r.choice(["ldxr", "ldaxr"])
        st = r.choice(["stxr", "stlxr"])
        op = r.choice(["add", "eor", "orr", "sub"])
        lines += ["@X:",
                  "%s %s, [x20]" % (ld, reg(t)),
                  "%s %s, %s, %s" % (op, reg(n), reg(t), self.src(sf)),
                  "%s w26, %s, [x20]" % (st, reg(n)),
                  "cbz w26, @Xdone",
                  "add x25, x25, #1",
                  "and x26, x25, #0xffffffffffffffe0",
                  "cbz x26, @X",
                  "@Xdone:"]
        return lines

    def i_atomic(self):
        """ARMv8.1 atomics, load-acquire/store-release."""
        r = self.r
        k = r.randrange(4)
        if k == 0:
            sz = r.choice(["", "", "b", "h"])
            size = {"": 8, "b": 1, "h": 2}[sz]
            sf = sz == "" and r.random() < 0.6
            if sz == "" and not sf:
                size = 4
            op = r.choice(["ldadd", "ldclr", "ldeor", "ldset", "ldsmax",
                           "ldsmin", "ldumax", "ldumin", "swp", "cas"])
            order = r.choice(["", "a", "l", "al"])
            reg = self.x if sf else self.w
            lines = ["and x20, %s, #0x%x" % (self.x(self.reg()),
                                              self.align_mask(size)),
                     "add x20, x19, x20"]
            lines.append("%s%s%s %s, %s, [x20]" % (op, order, sz,
                                                   reg(self.reg()),
                                                   reg(self.dst())))
            return lines
        if k == 1:
            a = 2 * r.randrange(NREGS // 2)
            b = 2 * r.randrange(NREGS // 2)
            self.recent = (self.recent + [a, a + 1])[-4:]
            return ["and x20, %s, #0x%x" % (self.x(self.reg()),
                                             self.align_mask(16)),
                    "add x20, x19, x20",
                    "%s x%d, x%d, x%d, x%d, [x20]" %
                    (r.choice(["casp", "caspa", "caspl", "caspal"]),
                     a, a + 1, b, b + 1)]
        sz = r.choice(["", "", "b", "h"])
        size = {"": 8, "b": 1, "h": 2}[sz]
        sf = sz == "" and r.random() < 0.6
        if sz == "" and not sf:
            size = 4
        reg = self.x if sf else self.w
        lines = ["and x20, %s, #0x%x" % (self.x(self.reg()),
                                          self.align_mask(size)),
                 "add x20, x19, x20"]
        if k == 2:
            lines.append("%s%s %s, [x20]" % (r.choice(["ldar", "ldapr"]), sz,
                                             reg(self.dst())))
        else:
            lines.append("stlr%s %s, [x20]" % (sz, reg(self.reg())))
        return lines

    def i_mempair(self):
        r = self.r
        load = r.random() < 0.55
        kind = r.choice(["x", "w", "sw"]) if load else r.choice(["x", "w"])
        size = 8 if kind == "x" else 4
        if load:
            a = self.dst()
            b = self.dst()
            while b == a:
                b = self.dst()
            sf = kind != "w"
            ra, rb = (self.x(a), self.x(b)) if sf else (self.w(a), self.w(b))
            op = "ldpsw" if kind == "sw" else "ldp"
        else:
            sf = kind == "x"
            ra, rb = self.src(sf), self.src(sf)
            op = "stp"
        off = size * r.randrange(-256 // size, 240 // size)
        lines = ["and x20, %s, #0xff" % self.x(self.reg()),
                 "add x20, x19, x20"]
        mode = r.randrange(3)
        if mode == 0:
            lines.append("%s %s, %s, [x20, #%d]" % (op, ra, rb, off))
        elif mode == 1:
            lines.append("%s %s, %s, [x20, #%d]!" % (op, ra, rb, off))
        else:
            lines.append("%s %s, %s, [x20], #%d" % (op, ra, rb, off))
        return lines

    # ---- floating point and SIMD --------------------------------------------
    def v(self):
        return self.r.randrange(8)

    def i_fp(self):
        r = self.r
        p = r.choice("ds")
        d = lambda: "%s%d" % (p, self.v())
        k = r.randrange(10)
        if k == 0:
            op = r.choice(["fadd", "fsub", "fmul", "fdiv", "fmax", "fmin",
                           "fmaxnm", "fminnm", "fnmul", "fabd"])
            return ["%s %s, %s, %s" % (op, d(), d(), d())]
        if k == 1:
            op = r.choice(["fmadd", "fmsub", "fnmadd", "fnmsub"])
            return ["%s %s, %s, %s, %s" % (op, d(), d(), d(), d())]
        if k == 2:
            op = r.choice(["fsqrt", "fabs", "fneg", "frintn", "frintp",
                           "frintm", "frintz", "frinta", "frinti", "frintx",
                           "fmov"])
            return ["%s %s, %s" % (op, d(), d())]
        if k == 3:
            if p == "d":
                return ["fcvt s%d, d%d" % (self.v(), self.v())]
            return ["fcvt d%d, s%d" % (self.v(), self.v())]
        if k == 4:
            sf = self.sf()
            return ["%s %s, %s" % (r.choice(["scvtf", "ucvtf"]), d(),
                                   self.src(sf))]
        if k == 5:
            op = r.choice(["fcvtzs", "fcvtzu", "fcvtns", "fcvtas", "fcvtms",
                           "fcvtps", "fcvtnu", "fcvtau"])
            return ["%s %s, %s" % (op, self.rd(self.sf()), d())]
        if k == 6:
            op = r.choice(["fcmp", "fcmpe"])
            if r.random() < 0.2:
                return ["%s %s, #0.0" % (op, d())]
            return ["%s %s, %s" % (op, d(), d())]
        if k == 7:
            op = r.choice(["fccmp", "fccmpe"])
            return ["%s %s, %s, #%d, %s" % (op, d(), d(), r.randrange(16),
                                            self.cond(True))]
        if k == 8:
            return ["fcsel %s, %s, %s, %s" % (d(), d(), d(), self.cond(True))]
        kk = r.randrange(3)
        if kk == 0:
            if p == "d":
                return ["fmov %s, d%d" % (self.rd(True), self.v())]
            return ["fmov %s, s%d" % (self.rd(False), self.v())]
        if kk == 1:
            if p == "d":
                return ["fmov d%d, %s" % (self.v(), self.src(True))]
            return ["fmov s%d, %s" % (self.v(), self.src(False))]
        imm = r.choice(["1.0", "-2.5", "0.125", "31.0", "-0.1875", "3.0"])
        return ["fmov %s, #%s" % (d(), imm)]

    def i_simd(self):
        r = self.r
        vv = lambda a: "v%d.%s" % (self.v(), a)
        k = r.randrange(16)
        arr = r.choice(["16b", "8h", "4s", "2d", "8b", "4h", "2s"])
        lane = {"16b": 8, "8b": 8, "8h": 16, "4h": 16, "4s": 32, "2s": 32,
                "2d": 64}[arr]
        if k == 0:
            ops = ["add", "sub", "cmeq", "cmgt", "cmhi", "cmge", "cmhs",
                   "cmtst", "sqadd", "uqadd", "sqsub", "uqsub", "sshl", "ushl",
                   "uzp1", "uzp2", "zip1", "zip2", "trn1", "trn2"]
            if arr != "2d":
                ops += ["mul", "mla", "mls", "umax", "umin", "smax", "smin",
                        "uabd", "sabd", "shadd", "uhsub", "urhadd"]
            return ["%s %s, %s, %s" % (r.choice(ops), vv(arr), vv(arr),
                                       vv(arr))]
        if k == 1:
            arr = r.choice(["16b", "8b"])
            return ["%s %s, %s, %s" % (r.choice(["and", "orr", "eor", "bic",
                                                 "orn", "bsl", "bit", "bif"]),
                                       vv(arr), vv(arr), vv(arr))]
        if k == 2:
            op = r.choice(["shl", "ushr", "sshr", "usra", "ssra", "srshr",
                           "sli", "sri", "sqshl", "uqshl"])
            if op in ("shl", "sli", "sqshl", "uqshl"):
                amt = r.randrange(lane)
            else:
                amt = r.randint(1, lane)
            return ["%s %s, %s, #%d" % (op, vv(arr), vv(arr), amt)]
        if k == 3:
            return ["ext %s, %s, %s, #%d" % (vv("16b"), vv("16b"), vv("16b"),
                                             r.randrange(16))]
        if k == 4:
            if arr == "2d":
                return ["dup %s, %s" % (vv(arr), self.src(True))]
            if r.random() < 0.5:
                n = 128 // lane
                t = {8: "b", 16: "h", 32: "s"}[lane]
                return ["dup %s, v%d.%s[%d]" % (vv(arr), self.v(), t,
                                                r.randrange(n))]
            return ["dup %s, %s" % (vv(arr), self.src(False))]
        if k == 5:
            if r.random() < 0.5:
                return ["mov v%d.d[%d], %s" % (self.v(), r.randrange(2),
                                               self.src(True))]
            t, n = r.choice([("b", 16), ("h", 8), ("s", 4), ("d", 2)])
            return ["mov v%d.%s[%d], v%d.%s[%d]" % (self.v(), t,
                                                    r.randrange(n), self.v(),
                                                    t, r.randrange(n))]
        if k == 6:
            t, n = r.choice([("b", 16), ("h", 8), ("s", 4), ("d", 2)])
            if t == "d":
                return ["umov %s, v%d.d[%d]" % (self.rd(True), self.v(),
                                                r.randrange(n))]
            if t == "s" or r.random() < 0.5:
                return ["umov %s, v%d.%s[%d]" % (self.rd(False), self.v(), t,
                                                 r.randrange(n))]
            return ["smov %s, v%d.%s[%d]" % (self.rd(self.sf()), self.v(), t,
                                             r.randrange(n))]
        if k == 7:
            arr = r.choice(["4s", "2d", "2s"])
            return ["%s %s, %s, %s" % (r.choice(["fadd", "fmul", "fsub",
                                                 "fmax", "fmin", "fdiv",
                                                 "fcmeq", "fcmgt", "fabd",
                                                 "fmla"]),
                                       vv(arr), vv(arr), vv(arr))]
        if k == 8:
            return ["%s %s, %s" % (r.choice(["cnt", "rev64", "not", "rev16",
                                             "rev32", "rbit"]),
                                   vv("16b"), vv("16b"))]
        if k == 9:
            op = r.choice(["abs", "neg", "sqabs", "sqneg", "cls", "clz",
                           "cmeq", "cmlt", "cmge"])
            if op == "cls" or op == "clz":
                if arr == "2d":
                    arr = "4s"
            if op in ("cmeq", "cmlt", "cmge"):
                return ["%s %s, %s, #0" % (op, vv(arr), vv(arr))]
            return ["%s %s, %s" % (op, vv(arr), vv(arr))]
        if k == 10:
            kk = r.randrange(4)
            if kk == 0:
                a = r.choice(["16b", "8b"])
                return ["movi %s, #0x%x" % (vv(a), r.randrange(256))]
            if kk == 1:
                a = r.choice(["8h", "4h", "4s", "2s"])
                sh = r.choice([0, 8] if a in ("8h", "4h") else [0, 8, 16, 24])
                return ["%s %s, #0x%x, lsl #%d" % (r.choice(["movi", "mvni",
                                                             "orr", "bic"]),
                                                   vv(a), r.randrange(256), sh)]
            if kk == 2:
                return ["movi v%d.2d, #0x%s" % (self.v(), "".join(
                    r.choice(["00", "ff"]) for _ in range(8)))]
            return ["movi d%d, #0x%s" % (self.v(), "".join(
                r.choice(["00", "ff"]) for _ in range(8)))]
        if k == 11:
            arr = r.choice(["4s", "2d", "2s"])
            return ["%s %s, %s" % (r.choice(["fabs", "fneg", "fsqrt",
                                             "frintz", "scvtf", "fcvtzs",
                                             "ucvtf"]),
                                   vv(arr), vv(arr))]
        if k == 12:
            # Widening and narrowing.
            op, d, n = r.choice([("xtn", "8b", "8h"), ("xtn", "4h", "4s"),
                                 ("xtn", "2s", "2d"), ("sqxtn", "8b", "8h"),
                                 ("uqxtn", "4h", "4s"), ("xtn2", "16b", "8h"),
                                 ("uxtl", "8h", "8b"), ("sxtl", "4s", "4h"),
                                 ("uxtl2", "2d", "4s"), ("sxtl2", "8h", "16b")])
            return ["%s %s, %s" % (op, vv(d), vv(n))]
        if k == 13:
            op, d, n = r.choice([("umull", "8h", "8b"), ("smull", "4s", "4h"),
                                 ("umlal", "2d", "2s"), ("saddl", "8h", "8b"),
                                 ("usubl", "4s", "4h"), ("uaddw", "2d", "2s")])
            m = n if op != "uaddw" else n
            src1 = vv(n) if op != "uaddw" else vv(d)
            return ["%s %s, %s, %s" % (op, vv(d), src1, vv(m))]
        if k == 14:
            arr = r.choice(["16b", "8h", "4s", "8b", "4h", "2s"])
            op = r.choice(["addp", "umaxp", "sminp"])
            if r.random() < 0.5:
                t = {"16b": "b", "8b": "b", "8h": "h", "4h": "h", "4s": "s",
                     "2s": "s"}[arr]
                if arr in ("2s",):
                    arr = "4s"
                return ["%s %s%d, %s" % (r.choice(["addv", "umaxv", "sminv"]),
                                         t, self.v(), vv(arr))]
            return ["%s %s, %s, %s" % (op, vv(arr), vv(arr), vv(arr))]
        # Scalar SIMD on d registers.
        return ["%s d%d, d%d, d%d" % (r.choice(["add", "sub", "cmeq", "cmgt",
                                                "sqadd", "uqsub", "ushl",
                                                "sshl"]),
                                      self.v(), self.v(), self.v())]

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
            table.append((self.i_fp, 12))
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


def rand_fp128(r):
    k = r.randrange(6)
    if k == 0:
        return r.getrandbits(128)
    if k < 4:     # two doubles
        return (r.choice(FP_EDGE64) | (rand_double_bits(r) << 64)
                if r.random() < 0.5 else
                rand_double_bits(r) | (r.choice(FP_EDGE64) << 64))
    v = 0
    for i in range(4):
        v |= (r.choice(FP_EDGE32) if r.random() < 0.5 else rand_float_bits(r)) << (32 * i)
    return v


def rand_double_bits(r):
    if r.random() < 0.4:
        return r.choice(FP_EDGE64)
    import struct
    x = r.choice([r.uniform(-1e6, 1e6), float(r.randrange(-1000, 1000)),
                  r.uniform(-1, 1), r.uniform(-1e19, 1e19)])
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def rand_float_bits(r):
    if r.random() < 0.4:
        return r.choice(FP_EDGE32)
    import struct
    x = r.choice([r.uniform(-1e6, 1e6), float(r.randrange(-1000, 1000)),
                  r.uniform(-1, 1), r.uniform(-3e9, 3e9)])
    return struct.unpack("<I", struct.pack("<f", x))[0]


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
    # FPCR: rounding mode (23:22), flush-to-zero (24), default NaN (25).
    fpcr = 0
    if fp and r.random() < 0.35:
        fpcr = (r.randrange(4) << 22) | (r.randrange(2) << 24) | \
               (r.randrange(2) << 25)
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
        "fp": [rand_fp128(r) for _ in range(8)] if fp else [0] * 8,
        "memseed": r.getrandbits(63) | 1,
        "iters": iters,
        "fpcr": fpcr,
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
    a("// case %s (%s): %d iterations%s" % (
        c["name"], c.get("flavor", "?"), c["iters"],
        ", fpcr 0x%x" % c["fpcr"] if c.get("fpcr") else ""))
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
    if c.get("fpcr"):
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
