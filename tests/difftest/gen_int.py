"""Integer instructions of the difftest generator (see gen.py): ALU,
flags, multiply and divide, shifts, bitfields, conditional select, moves.
"""


class IntOps:
    """A mixin of Gen: each i_* returns the lines of one unit."""

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
