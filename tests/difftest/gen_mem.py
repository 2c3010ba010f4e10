"""Memory instructions of the difftest generator (see gen.py): loads and
stores, pairs, exclusives and atomics, all inside the scratch buffer
(their address register x20 is masked from a working register).
"""
from gen_operands import NREGS


class MemOps:
    """A mixin of Gen: each i_* returns the lines of one unit."""

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
        tagged = r.random() < 0.1
        if tagged:
            # A tag (bit 55 clear): ignored by the access, kept by the
            # writeback; the first one restarts raw TCG code (hybrid-tbi.h).
            lines.append("orr x20, x20, #0x%x" % (1 << r.randrange(56, 64)))
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
        if tagged:
            lines.append("and x20, x20, #0xffffffffffffff")
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
