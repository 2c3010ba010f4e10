"""Floating-point and Advanced SIMD instructions of the difftest
generator (see gen.py), on v0-v7.
"""

from gen_operands import rand_fpcr


class FpSimdOps:
    """A mixin of Gen: each i_* returns the lines of one unit."""

    def v(self):
        return self.r.randrange(8)

    def i_fp(self):
        r = self.r
        p = r.choice("ds")
        d = lambda: "%s%d" % (p, self.v())
        k = r.randrange(12)
        if k == 0:
            op = r.choice(["fadd", "fsub", "fmul", "fdiv", "fmax", "fmin",
                           "fmaxnm", "fminnm", "fnmul", "fabd"])
            return ["%s %s, %s, %s" % (op, d(), d(), d())]
        if k == 1 or k == 10:
            if r.random() < 0.25:
                # fmla/fmls: QEMU calls vfp_muladd{s,d} per lane.
                op = r.choice(["fmla", "fmls"])
                arr = "2d" if p == "d" else r.choice(["4s", "2s"])
                vv = lambda: "v%d.%s" % (self.v(), arr)
                if r.random() < 0.5:
                    return ["%s %s, %s, %s" % (op, vv(), vv(), vv())]
                idx = "v%d.%s[%d]" % (self.v(), p, r.randrange(
                    2 if p == "d" else 4))
                if r.random() < 0.5:
                    return ["%s %s, %s, %s" % (op, d(), d(), idx)]
                return ["%s %s, %s, %s" % (op, vv(), vv(), idx)]
            op = r.choice(["fmadd", "fmsub", "fnmadd", "fnmsub"])
            return ["%s %s, %s, %s, %s" % (op, d(), d(), d(), d())]
        if k == 11:
            if r.random() < 0.15:
                # FPCR changes inside the loop: rounding mode, FZ, DN.
                return ["mov x22, #0x%x" % rand_fpcr(r), "msr fpcr, x22"]
            return ["fsqrt %s, %s" % (d(), d())]
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
