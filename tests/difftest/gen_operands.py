"""Operands of the difftest generator's instructions (see gen.py): the
working registers, the conditions, the immediates, and the constants of
a case (harness.c has the same buffer layout).
"""

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

# FP inputs that matter to softfloat and to the host fast paths of the
# LLVM tier (docs/fp.md): signed zeros, infinities, quiet and signalling
# NaNs with payloads, denormals, the smallest normal and its neighbours,
# values whose products or squares overflow or underflow, the largest
# finite, 1 and its neighbours with the ulps that make halfway sums,
# integers at the edges of the conversions.
FP_EDGE64 = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
             0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
             0x7ff8000000000000, 0x7ff4000000000000, 0xfff8000000000001,
             0x7ff0000000000123, 0xfff80000deadbeef,
             0x0000000000000001, 0x000fffffffffffff, 0x800fffffffffffff,
             0x8000000000000001, 0x0010000000000000, 0x0010000000000001,
             0x001fffffffffffff, 0x8010000000000000,
             0x7fefffffffffffff, 0xffefffffffffffff, 0x7fe0000000000000,
             0x5fe0000000000000, 0x5ff0000000000000, 0x2000000000000000,
             0x1ff0000000000000, 0x3ca0000000000000, 0x3cb0000000000000,
             0x3ff0000000000001, 0x3fefffffffffffff, 0xbca0000000000000,
             0x4340000000000000, 0xc3e0000000000000,
             0x43e0000000000000, 0x41dfffffffc00000, 0x3fe0000000000000,
             0x4000000000000000, 0x400921fb54442d18]
FP_EDGE32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
             0xff800000, 0x7fc00000, 0x7fa00000, 0x7f800123, 0xffc0abcd,
             0x00000001, 0x007fffff, 0x807fffff, 0x80000001,
             0x00800000, 0x00800001, 0x00ffffff, 0x80800000,
             0x7f7fffff, 0xff7fffff, 0x7f000000, 0x5f800000, 0x5f000000,
             0x20000000, 0x1f800000, 0x33800000, 0x34000000, 0x3f800001,
             0x3f7fffff, 0xb3800000, 0x4f000000, 0xcf000000,
             0x3f000000, 0x40490fdb]


class Operands:
    """Registers, conditions and immediates: what every instruction
    generator draws from self.r (a random.Random) through these."""

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


def rand_fpcr(r):
    """FPCR: rounding mode (23:22), flush-to-zero (24), default NaN (25)."""
    return (r.randrange(4) << 22) | (r.randrange(2) << 24) | \
           (r.randrange(2) << 25)
