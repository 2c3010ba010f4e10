#!/usr/bin/env python3
"""Differential tester driver: random aarch64 loops under -hybrid off and on.

For each seed, gen.py makes one program of --cases random cases; it is
linked with harness.c and run under the reference mode (-hybrid off) and
under each test mode (default: hot = -hybrid on -hybrid-threshold 1 -hybrid-warmup 0
-hybrid-budget 0); the
outputs (final x0-x17/x20, NZCV, FPSR, v0-v7, a hash of the scratch memory,
the state seen at faults, exclusive retries, of every case) must be equal.
A test run that hangs (--timeout) or dies is a divergence too.

On a divergence the first differing case is printed (for a hang or a crash,
the case of the batch that does it alone), then, outside --tap, shrunk:
chunks of instructions are dropped while the same kind of divergence
(state, hang, crash) persists, and the result is written to
regressions/<name>.s with the -hybrid off output as <name>.expected.

Examples:
  tests/difftest/run.py --seed 1 --sequences 5000         # 20 programs of 250
  tests/difftest/run.py --seed 1 --sequences 100000 -j 2 --modes hot,t5
  tests/difftest/run.py --modes hot+sig                    # with SIGALRMs
  tests/difftest/run.py --coverage 100                     # traces engaged?
  tests/difftest/run.py --regressions                      # rerun regressions/
  tests/difftest/run.py --replay 17 --case 3 --modes hot   # one case alone

--tap prints TAP lines only (what check.sh uses).  See README.md.
"""
import argparse
import concurrent.futures as cf
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

REG_DIR = os.path.join(HERE, "regressions")   # --reg-dir changes it

MODES = {
    "off": ["-hybrid", "off"],
    "on": ["-hybrid", "on", "-hybrid-stats"],
    "hot": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "1", "-hybrid-stats"],
    "t2": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "2", "-hybrid-stats"],
    "t5": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "5", "-hybrid-stats"],
    # Traces of at most 3 blocks: loops split over several traces.
    "len3": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "1", "-hybrid-trace-len",
             "3", "-hybrid-stats"],
    "len1": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "1", "-hybrid-trace-len",
             "1", "-hybrid-stats"],
    # Guest memory at a host offset (-B): every access in a trace adds it.
    "base": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "1", "-B",
             "0x1000000000", "-hybrid-stats"],
    # Two optimizer threads.
    "thr2": ["-hybrid", "on", "-hybrid-warmup", "0", "-hybrid-budget", "0", "-hybrid-threshold", "1", "-hybrid-threads",
             "2", "-hybrid-stats"],
}

CFLAGS = ["-O2", "-ffreestanding", "-fno-builtin",
          "-fno-tree-loop-distribute-patterns", "-fno-stack-protector",
          "-nostdlib", "-static"]

print_lock = threading.Lock()


def log(*a):
    with print_lock:
        print(*a, flush=True)


class Tool:
    def __init__(self, args):
        self.args = args
        self.qemu = args.qemu
        self.ref_qemu = args.ref_qemu or args.qemu
        self.cc = args.cross_cc
        self.work = args.work
        os.makedirs(self.work, exist_ok=True)
        self.harness_o = os.path.join(self.work, "harness.o")
        self.stats = {}
        self.stats_lock = threading.Lock()
        self.programs = 0
        self.sequences = 0
        self.divergences = []

    # ---- build and run ----------------------------------------------------
    def build_harness(self):
        src = os.path.join(HERE, "harness.c")
        p = subprocess.run([self.cc] + CFLAGS + ["-Wall", "-c", src, "-o",
                                                  self.harness_o],
                           capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError("harness build failed:\n" + p.stderr)

    def build(self, asm_text, exe):
        s = exe + ".S"
        with open(s, "w") as f:
            f.write(asm_text)
        p = subprocess.run([self.cc] + CFLAGS + ["-o", exe, self.harness_o, s],
                           capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError("build of %s failed:\n%s" % (s, p.stderr[-3000:]))

    def run(self, exe, mode, verbose=False, timeout=None):
        """(returncode, stdout, stderr) of exe under mode (NAME or NAME+sig:
        with a SIGALRM every --signal-us during the runs)."""
        a = self.args
        base, _, extra = mode.partition("+")
        q = self.ref_qemu if base == "off" else self.qemu
        cmd = [q] + MODES[base] + [exe, str(a.warm), str(a.runs),
                                   str(a.max_wait if mode != "off" else 1000),
                                   str(a.batch), "1" if verbose else "0",
                                   str(a.signal_us if extra == "sig" else 0)]
        for attempt in range(60):
            try:
                p = subprocess.run(cmd, capture_output=True,
                                   timeout=timeout or a.timeout)
                break
            except OSError:
                # Someone is relinking the emulator: wait for it.
                if attempt == 59:
                    raise
                time.sleep(2)
            except subprocess.TimeoutExpired as e:
                return ("timeout", (e.stdout or b"").decode("latin-1"),
                        (e.stderr or b"").decode("latin-1"))
        return (p.returncode, p.stdout.decode("latin-1"),
                p.stderr.decode("latin-1"))

    def note_stats(self, mode, stderr):
        d = parse_stats(stderr)
        with self.stats_lock:
            m = self.stats.setdefault(mode, {})
            for k, v in d.items():
                m[k] = m.get(k, 0) + v
            m["processes"] = m.get("processes", 0) + 1


def parse_stats(text):
    d = {}
    in_rej = False
    for line in text.splitlines():
        m = re.match(r"^( +)(\S.*?) +(\d+(?:\.\d+)?)$", line)
        if not m:
            continue
        ind, key, val = len(m.group(1)), m.group(2), float(m.group(3))
        if key == "traces rejected":
            in_rej = True
        elif ind == 4 and in_rej:
            key = "rejected: " + key
        elif ind == 2:
            in_rej = False
        d[key] = val
    return d


def case_lines(out):
    """{case index: [lines]} (main line first, then 'run' lines)."""
    res = {}
    for line in out.splitlines():
        m = re.match(r"^case (\d+)[ :]", line)
        if m:
            res.setdefault(int(m.group(1)), []).append(line)
    return res


def first_diff(ref, test, mode=""):
    """(case index or None, ref lines, test lines) of the first difference;
    None when the outputs are equal.  With signals (MODE+sig), the test
    prints xf=- (a signal clears the exclusive monitor): so does ref."""
    if mode.endswith("+sig"):
        ref = (ref[0], re.sub(r" xf=\d+ ", " xf=- ", ref[1]), ref[2])
    if ref[0] == test[0] and ref[1] == test[1]:
        return None
    a, b = case_lines(ref[1]), case_lines(test[1])
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            return (k, a.get(k, []), b.get(k, []))
    return (None, ["rc=%s" % ref[0]] + ref[1].splitlines()[-3:],
            ["rc=%s" % test[0]] + test[1].splitlines()[-3:] +
            test[2].splitlines()[-5:])


def diff_kind(ref, test):
    """hang, crash (exit status) or state: kept while minimizing."""
    if test[0] == "timeout":
        return "hang"
    if test[0] != ref[0]:
        return "crash"
    return "state"


def field_diff(ra, rb):
    """The fields that differ between two state lines."""
    fa = dict(x.split("=", 1) for x in ra.split()[2:] if "=" in x)
    fb = dict(x.split("=", 1) for x in rb.split()[2:] if "=" in x)
    return ["%s: %s != %s" % (k, fa.get(k), fb.get(k))
            for k in fa if fa.get(k) != fb.get(k)]


# ---- one program -----------------------------------------------------------

SIG_REF_TRIES = 20


def ref_varies(tool, exe, ref, k, mode):
    """Does case k give another result under -hybrid off too, with the
    same signals?  Then it depends on where they land in QEMU itself (seen
    with Debian's qemu-aarch64 as well, see README.md), and a difference
    under MODE proves nothing about the tier."""
    base = case_lines(re.sub(r" xf=\d+ ", " xf=- ", ref[1])).get(k)
    for _ in range(SIG_REF_TRIES):
        res = tool.run(exe, "off+sig")
        if res[0] != ref[0] or case_lines(res[1]).get(k) != base:
            return True
    return False

def run_seed(tool, seed, ncases, flavors, modes):
    """Returns a list of divergences (dicts)."""
    cases, text = gen.gen_program(seed, ncases, flavors)
    d = tempfile.mkdtemp(prefix="s%d-" % seed, dir=tool.work)
    exe = os.path.join(d, "prog")
    tool.build(text, exe)
    ref = tool.run(exe, "off")
    found = []
    if ref[0] != 0 or not ref[1].endswith("done %d\n" % ncases):
        found.append({"seed": seed, "mode": "off", "case": None,
                      "what": "reference run failed: rc=%s %s" %
                      (ref[0], ref[2][-300:])})
    for mode in modes:
        res = tool.run(exe, mode)
        tool.note_stats(mode, res[2])
        diff = first_diff(ref, res, mode)
        if diff:
            k, ra, rb = diff
            kind = diff_kind(ref, res)
            if kind != "state" and k is not None:
                # The program died or hung in the batch of case k: find
                # the case that does it alone.
                chk = Checker(tool, mode, tries=1, kind=kind)
                for j in range(k, min(k + tool.args.batch, ncases)):
                    if chk.diverges(cases[j]):
                        k = j
                        break
                shutil.rmtree(chk.dir, ignore_errors=True)
            if (kind == "state" and k is not None and mode.endswith("+sig")
                    and ref_varies(tool, exe, ref, k, mode)):
                log("seed %d case %d: -hybrid off varies with signals too "
                    "(QEMU's own timing dependence): not counted" % (seed, k))
                continue
            found.append({"seed": seed, "mode": mode, "case": k,
                          "ref": ra, "test": rb, "kind": kind,
                          "case_spec": cases[k] if k is not None else None,
                          "flavors": flavors, "ncases": ncases})
    if not found and not tool.args.keep:
        shutil.rmtree(d, ignore_errors=True)
    return found


def describe(dv):
    out = ["DIVERGENCE seed=%s mode=%s case=%s kind=%s" % (
        dv["seed"], dv["mode"], dv["case"], dv.get("kind", "?"))]
    if "what" in dv:
        return out + ["  " + dv["what"]]
    ref, test = dv["ref"], dv["test"]
    if ref and test:
        out += ["  differs: " + ", ".join(field_diff(ref[0], test[0]))]
    out += ["  off:  " + l for l in ref[:3]]
    out += ["  test: " + l for l in test[:3]]
    return out


# ---- minimizing ----------------------------------------------------------------

class Checker:
    """Does a single case still diverge?"""

    def __init__(self, tool, mode, tries=2, kind=None):
        self.tool = tool
        self.mode = mode
        self.tries = tries
        self.kind = kind            # None: any divergence
        self.n = 0
        self.dir = tempfile.mkdtemp(prefix="min-", dir=tool.work)

    def outputs(self, case, verbose=False):
        self.n += 1
        exe = os.path.join(self.dir, "m%d" % self.n)
        self.tool.build(gen.emit_program([case]), exe)
        ref = self.tool.run(exe, "off", verbose)
        return exe, ref

    def diverges(self, case):
        try:
            exe, ref = self.outputs(case)
        except RuntimeError:
            return False
        if ref[0] != 0:
            return False
        for _ in range(self.tries):
            res = self.tool.run(exe, self.mode,
                                timeout=self.tool.args.case_timeout)
            if first_diff(ref, res, self.mode):
                if self.kind is None:
                    self.kind = diff_kind(ref, res)
                if diff_kind(ref, res) == self.kind:
                    return True
                return False
        return False


def drop_units(body, lo, hi):
    """body without units [lo, hi), and without branches to dropped labels."""
    gone = {u["label"] for u in body[lo:hi] if "label" in u}
    return [u for u in body[:lo] + body[hi:]
            if not ("target" in u and u["target"] in gone)]


def unit_paths(case):
    """Paths of every unit list of a case: ("body",), ("funcs", name), and
    the same followed by (index, "inner") for inner loops."""
    out = []

    def walk(path, units):
        out.append(path)
        for i, u in enumerate(units):
            if "inner" in u:
                walk(path + (i, "inner"), u["inner"])

    walk(("body",), case["body"])
    for f in sorted(case.get("funcs", {})):
        walk(("funcs", f), case["funcs"][f])
    return out


def get_path(case, path):
    x = case["body"] if path[0] == "body" else case["funcs"][path[1]]
    rest = path[1:] if path[0] == "body" else path[2:]
    while rest:
        x = x[rest[0]]["inner"]
        rest = rest[2:]
    return x


def set_path(case, path, units):
    """A copy of @case with the list at @path replaced."""
    def put(lst, rest):
        if not rest:
            return units
        i = rest[0]
        u = dict(lst[i], inner=put(lst[i]["inner"], rest[2:]))
        return lst[:i] + [u] + lst[i + 1:]

    if path[0] == "body":
        return dict(case, body=put(case["body"], path[1:]))
    f = path[1]
    return dict(case, funcs=dict(case["funcs"], **{f: put(case["funcs"][f],
                                                          path[2:])}))


def minimize(tool, dv):
    case = json.loads(json.dumps(dv["case_spec"]))
    chk = Checker(tool, dv["mode"], tries=tool.args.tries,
                  kind=dv.get("kind"))
    if not chk.diverges(case):
        # Timing-dependent or needs the other cases: retry harder.
        chk.tries = 5
        if not chk.diverges(case):
            return None, "does not reproduce alone"
    dv["kind"] = chk.kind
    # ddmin-style: remove chunks of units, halving the chunk size, from
    # every list of units: the loop body, inner loops, leaf functions.
    # First try to replace each inner loop by its body.
    for path in unit_paths(case):
        units = get_path(case, path)
        for i, u in enumerate(units):
            if "inner" in u:
                c2 = set_path(case, path, units[:i] + u["inner"] + units[i + 1:])
                if chk.diverges(c2):
                    case = c2
                    break
    done = set()
    while True:
        todo = [p for p in unit_paths(case) if p not in done]
        if not todo:
            break
        path = todo[0]
        done.add(path)
        size = max(1, len(get_path(case, path)) // 2)
        while size >= 1:
            i = 0
            changed = False
            while i < len(get_path(case, path)):
                cur = get_path(case, path)
                units = drop_units(cur, i, i + size)
                if gen.body_valid(units) and len(units) < len(cur):
                    c2 = set_path(case, path, units)
                    if chk.diverges(c2):
                        case = c2
                        changed = True
                        # Indexes of inner loops after i moved.
                        done = {p for p in done if p[:1] != path[:1] or
                                len(p) <= len(path)}
                        continue
                i += size
            if size == 1 and not changed:
                break
            if not changed:
                size //= 2
    # Leaf functions no call names any more.
    calls = " ".join(gen.unit_lines(case["body"]))
    case = dict(case, funcs={f: u for f, u in case.get("funcs", {}).items()
                             if re.search(r"@%s\b" % f, calls)})
    # Fewer iterations.
    for it in (1, 2, 3, 4, 5, 8):
        if it < case["iters"]:
            c2 = dict(case, iters=it)
            if chk.diverges(c2):
                case = c2
                break
    # Zero the registers and vectors the body does not name.
    text = " ".join(gen.unit_lines(case["body"] +
                                   sum(case["funcs"].values(), [])))
    used = set(int(x) for x in re.findall(r"\b[xw](\d+)\b", text))
    vused = set(int(x) for x in re.findall(r"\b[vqdsbh](\d+)\b", text))
    regs = [v if i in used else 0 for i, v in enumerate(case["regs"])]
    fp = [v if i in vused else 0 for i, v in enumerate(case["fp"])]
    if case.get("fpcr"):
        c2 = dict(case, fpcr=0)
        if chk.diverges(c2):
            case = c2
    if case.get("fpsr"):
        c2 = dict(case, fpsr=0)
        if chk.diverges(c2):
            case = c2
    for c2 in (dict(case, regs=regs, fp=fp), dict(case, regs=regs),
               dict(case, fp=fp)):
        if c2 != case and chk.diverges(c2):
            case = c2
            break
    return case, "%d checks" % chk.n


def write_regression(tool, dv, case, name=None):
    name = name or "%s_%s" % (case["name"], dv["mode"])
    os.makedirs(REG_DIR, exist_ok=True)
    chk = Checker(tool, dv["mode"])
    exe, ref = chk.outputs(case)
    res = tool.run(exe, dv["mode"], timeout=tool.args.case_timeout)
    diff = first_diff(ref, res, dv["mode"])
    hdr = ["difftest regression %s" % name,
           "found by: run.py --seed %s --cases %s%s, case %s, mode %s" %
           (dv["seed"], dv["ncases"],
            " --flavors=" + ",".join(dv["flavors"]) if dv.get("flavors") else "",
            dv["case"], dv["mode"]),
           "expected output (-hybrid off): %s.expected" % name,
           "case spec (for run.py --shrink): %s.json" % name]
    if diff:
        hdr += ["", "%s gave:" % dv["mode"]] + ["  " + l for l in diff[2]]
        hdr += ["differs: " + ", ".join(field_diff(diff[1][0], diff[2][0]))
                if diff[1] and diff[2] else ""]
    with open(os.path.join(REG_DIR, name + ".s"), "w") as f:
        f.write(gen.emit_program([case], "\n".join(hdr)))
    with open(os.path.join(REG_DIR, name + ".expected"), "w") as f:
        f.write(ref[1])
    with open(os.path.join(REG_DIR, name + ".json"), "w") as f:
        json.dump(dict(case, origin={k: dv[k] for k in ("seed", "case", "mode",
                                                        "ncases")}),
                  f, indent=1)
    return os.path.join(REG_DIR, name + ".s")


# ---- regression files ----------------------------------------------------------

def run_regression(tool, path, modes):
    """[(mode, ok, details)] for one regressions/*.s file."""
    name = os.path.basename(path)[:-2]
    exp_path = path[:-2] + ".expected"
    exe = os.path.join(tool.work, "reg-" + name)
    with open(path) as f:
        text = f.read()
    tool.build(text, exe)
    try:
        with open(exp_path) as f:
            expected = f.read()
    except OSError:
        return [("off", False, ["missing " + exp_path])]
    results = []
    for mode in ["off"] + list(modes):
        res = tool.run(exe, mode)
        if mode != "off":
            tool.note_stats(mode, res[2])
        diff = first_diff((0, expected, ""), res, mode)
        if not diff:
            results.append((mode, True, []))
        else:
            k, ra, rb = diff
            det = ["case %s" % k]
            if ra and rb:
                det.append("differs: " + ", ".join(field_diff(ra[0], rb[0])))
            det += ["expected: " + l for l in ra[:2]]
            det += ["got:      " + l for l in rb[:2]]
            results.append((mode, False, det))
    return results


# ---- main ------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--qemu", default=os.environ.get("QEMU") or
                    os.path.join(HERE, "..", "..", "build", "qemu-aarch64"),
                    help="emulator under test")
    ap.add_argument("--ref-qemu", default=None,
                    help="emulator for the reference (-hybrid off) run "
                    "(default: --qemu)")
    ap.add_argument("--cross-cc", default=os.environ.get("CROSS_CC",
                                                         "aarch64-linux-gnu-gcc"))
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("DIFFTEST_SEED", "1")))
    ap.add_argument("--sequences", type=int,
                    default=int(os.environ.get("DIFFTEST_SEQUENCES", "1000")),
                    help="total random cases (default 1000)")
    ap.add_argument("--cases", type=int, default=250,
                    help="cases per program (default 250)")
    ap.add_argument("--flavors", default=None,
                    help="comma list of int,intx,fp,simd (default all)")
    ap.add_argument("--modes", default="hot",
                    help="test modes, comma list of on,hot,t2,t5,len3,len1,"
                    "thr2,base,off; "
                    "MODE+sig adds SIGALRM signals (default hot)")
    ap.add_argument("--signal-us", type=int, default=100,
                    help="signal interval of +sig modes (default 100 us)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--warm", type=int, default=3)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--max-wait", type=int, default=10000,
                    help="ms a batch waits at most for the optimizer")
    ap.add_argument("--timeout", type=int, default=300,
                    help="seconds a program may run (a hang is a divergence)")
    ap.add_argument("--case-timeout", type=int, default=20,
                    help="the same for one case while minimizing")
    ap.add_argument("--tries", type=int, default=2,
                    help="runs per candidate while minimizing")
    ap.add_argument("--work", default=None, help="scratch directory")
    ap.add_argument("--keep", action="store_true", help="keep programs")
    ap.add_argument("--no-minimize", action="store_true")
    ap.add_argument("--max-minimize", type=int, default=10,
                    help="minimize at most this many divergences")
    ap.add_argument("--no-snapshot", dest="snapshot", action="store_false",
                    default=None,
                    help="use the emulator in place (default with --tap); "
                    "otherwise it is copied first, as others may rebuild it")
    ap.add_argument("--tap", action="store_true", help="TAP output only")
    ap.add_argument("--regressions", action="store_true",
                    help="run regressions/*.s instead of random programs")
    ap.add_argument("--replay", type=int, metavar="SEED",
                    help="with --case K: minimize case K of SEED")
    ap.add_argument("--case", type=int)
    ap.add_argument("--shrink", metavar="JSON",
                    help="minimize the case in a .json file again")
    ap.add_argument("--name", help="regression name for --replay/--shrink")
    ap.add_argument("--reg-dir", help="where regressions are read and "
                    "written (default tests/difftest/regressions)")
    ap.add_argument("--kind", choices=["hang", "crash", "state"],
                    help="with --replay/--shrink: keep this kind of divergence")
    ap.add_argument("--coverage", type=int, metavar="SEED",
                    help="show which cases of program SEED got traces")
    ap.add_argument("--stats", action="store_true",
                    help="print the summed -hybrid-stats of test runs")
    args = ap.parse_args()

    if args.reg_dir:
        global REG_DIR
        REG_DIR = os.path.abspath(args.reg_dir)
    own_work = args.work is None
    if own_work:
        args.work = tempfile.mkdtemp(prefix="difftest-")
    os.makedirs(args.work, exist_ok=True)
    if args.snapshot is None:
        args.snapshot = not args.tap
    if args.snapshot:
        snap = os.path.join(args.work, "qemu-aarch64")
        shutil.copy2(os.path.realpath(args.qemu), snap)
        if args.ref_qemu is None:
            args.ref_qemu = snap
        args.qemu = snap
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        base, _, extra = m.partition("+")
        if base not in MODES or extra not in ("", "sig"):
            ap.error("unknown test mode " + m)
    flavors = args.flavors.split(",") if args.flavors else None
    tool = Tool(args)
    try:
        tool.build_harness()
    except RuntimeError as e:
        if args.tap:
            print("not ok - difftest/build harness")
            for l in str(e).splitlines()[:20]:
                print("# " + l)
            return 1
        raise
    try:
        if args.regressions:
            return main_regressions(tool, modes)
        if args.coverage is not None:
            return main_coverage(tool, modes, flavors)
        if args.replay is not None or args.shrink:
            return main_replay(tool, modes, flavors)
        return main_random(tool, modes, flavors)
    finally:
        if own_work and not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)


def main_regressions(tool, modes):
    args = tool.args
    files = sorted(f for f in os.listdir(REG_DIR) if f.endswith(".s")) \
        if os.path.isdir(REG_DIR) else []
    bad = 0
    with cf.ThreadPoolExecutor(args.jobs) as ex:
        futs = [(f, ex.submit(run_regression, tool, os.path.join(REG_DIR, f),
                              modes)) for f in files]
        for f, fut in futs:
            try:
                results = fut.result()
            except RuntimeError as e:
                results = [("build", False, str(e).splitlines()[:10])]
            for mode, ok, det in results:
                name = "difftest/regression %s hybrid=%s" % (f[:-2], mode)
                if ok:
                    print("ok - " + name, flush=True)
                else:
                    bad += 1
                    print("not ok - " + name, flush=True)
                    for l in det:
                        print("# " + l[:400], flush=True)
    if not args.tap:
        print("%d regression files, %d failures" % (len(files), bad))
    print_stats(tool)
    return 0 if args.tap else (1 if bad else 0)


def main_replay(tool, modes, flavors):
    args = tool.args
    if args.shrink:
        with open(args.shrink) as f:
            case = json.load(f)
        origin = case.pop("origin", {})
        dv = {"seed": origin.get("seed"), "case": origin.get("case"),
              "ncases": origin.get("ncases"), "mode": modes[0],
              "case_spec": case, "flavors": flavors}
    else:
        case = gen.gen_case(args.replay, args.case or 0, flavors)
        dv = {"seed": args.replay, "case": args.case or 0, "ncases": "?",
              "mode": modes[0], "case_spec": case, "flavors": flavors}
    if args.kind:
        dv["kind"] = args.kind
    if args.no_minimize:
        small, how = case, "not minimized"
    else:
        small, how = minimize(tool, dv)
    if small is None:
        print("case %s of seed %s: %s" % (dv["case"], dv["seed"], how))
        return 1
    path = write_regression(tool, dv, small, args.name)
    print("minimized (%s): %s" % (how, path))
    print(open(path).read())
    return 0


def main_coverage(tool, modes, flavors):
    """Which cases of one program got a compiled trace (from -d hybrid)."""
    args = tool.args
    seed = args.coverage
    ncases = min(args.cases, args.sequences)
    cases, text = gen.gen_program(seed, ncases, flavors)
    exe = os.path.join(tool.work, "cov")
    tool.build(text, exe)
    nm = subprocess.run([args.cross_cc.replace("gcc", "nm"), exe],
                        capture_output=True, text=True).stdout
    starts = []
    for line in nm.splitlines():
        m = re.match(r"^([0-9a-f]+) \w dt_case_(\d+)$", line)
        if m:
            starts.append((int(m.group(1), 16), int(m.group(2))))
    starts.sort()
    logf = os.path.join(tool.work, "hybrid.log")
    mode = modes[0]
    base = mode.partition("+")[0]
    saved = MODES[base]
    MODES[base] = saved + ["-d", "hybrid", "-D", logf]
    try:
        res = tool.run(exe, mode)
    finally:
        MODES[base] = saved
    def case_of(pc):
        k = None
        for a, idx in starts:
            if a <= pc:
                k = idx
        return k

    traced = {}      # case -> [traces, entries, steps]
    with open(logf, errors="replace") as f:
        for line in f:
            m = re.match(r"^qemu-hybrid: trace head 0x([0-9a-f]+): (\d+) blocks, "
                         r"\d+ code bytes, (\d+) entries, (\d+) steps", line)
            if m:
                k = case_of(int(m.group(1), 16))
                if k is not None:
                    t = traced.setdefault(k, [0, 0, 0])
                    t[0] += 1
                    t[1] += int(m.group(3))
                    t[2] += int(m.group(4))
    d = parse_stats(res[2])
    by_flavor = {}
    for k, c in enumerate(cases):
        f = c.get("flavor", "?")
        t = by_flavor.setdefault(f, [0, 0, 0])
        t[0] += 1
        t[1] += k in traced
        t[2] += k in traced and traced[k][1] > 0
    entered = [k for k in traced if traced[k][1] > 0]
    print("seed %d, %d cases, mode %s: %d cases got a trace installed in "
          "their code, %d of them entered it (%d entries, %d block-to-block "
          "steps inside traces)" %
          (seed, ncases, mode, len(traced), len(entered),
           sum(t[1] for t in traced.values()),
           sum(t[2] for t in traced.values())))
    for f, (n, t, e) in sorted(by_flavor.items()):
        print("  flavor %-5s %4d cases, %4d with a trace, %4d entered" %
              (f, n, t, e))
    if args.keep:
        print("log: " + logf)
    print("stats:")
    for k, v in d.items():
        print("  %-40s %g" % (k, v))
    return 0


def main_random(tool, modes, flavors):
    args = tool.args
    nprog = max(1, (args.sequences + args.cases - 1) // args.cases)
    t0 = time.time()
    found = []
    done = [0]

    def one(i):
        seed = args.seed + i
        n = min(args.cases, args.sequences - i * args.cases)
        try:
            dvs = run_seed(tool, seed, n, flavors, modes)
        except RuntimeError as e:
            dvs = [{"seed": seed, "mode": "build", "case": None,
                    "what": str(e)[:2000]}]
        return seed, n, dvs

    with cf.ThreadPoolExecutor(args.jobs) as ex:
        futs = [ex.submit(one, i) for i in range(nprog)]
        for fut in futs:
            seed, n, dvs = fut.result()
            done[0] += n
            tool.sequences += n
            name = "difftest/random seed=%d cases=%d hybrid=%s" % (
                seed, n, ",".join(modes))
            if args.tap:
                if dvs:
                    print("not ok - " + name, flush=True)
                    for dv in dvs:
                        for l in describe(dv):
                            print("# " + l[:600], flush=True)
                    print("# reproduce and minimize: tests/difftest/run.py "
                          "--replay %d --case %s --modes %s%s" %
                          (seed, dvs[0]["case"], dvs[0]["mode"],
                           " --flavors=" + args.flavors if args.flavors
                           else ""), flush=True)
                else:
                    print("ok - " + name, flush=True)
            else:
                status = "DIVERGED" if dvs else "ok"
                log("seed %d: %d cases %s  [%d/%d sequences, %.0f s]" %
                    (seed, n, status, done[0], args.sequences, time.time() - t0))
                for dv in dvs:
                    log("\n".join(describe(dv)))
            found += dvs
    elapsed = time.time() - t0

    regs = []
    if found and not args.tap and not args.no_minimize:
        for dv in found[:args.max_minimize]:
            if dv.get("case_spec") is None:
                continue
            log("minimizing seed %d case %d (%s) ..." % (dv["seed"], dv["case"],
                                                         dv["mode"]))
            small, how = minimize(tool, dv)
            if small is None:
                log("  %s" % how)
                continue
            path = write_regression(tool, dv, small)
            regs.append(path)
            log("  -> %s (%s, %d units)" % (path, how, len(small["body"])))
            lines = []
            gen.emit_units(small["body"], "", lines.append)
            for name, units in sorted(small.get("funcs", {}).items()):
                lines.append("%s: (function)" % name)
                gen.emit_units(units, "", lines.append)
            for l in lines:
                log("       " + l)
    summary = ("%d sequences in %d programs, %.1f s, %d divergences" %
               (tool.sequences, nprog, elapsed, len(found)))
    if args.tap:
        print("# " + summary)
    else:
        log(summary)
    print_stats(tool)
    return 0 if args.tap else (1 if found else 0)


def print_stats(tool):
    if not tool.args.stats and not tool.args.tap:
        return
    for mode, d in sorted(tool.stats.items()):
        keys = ["processes", "traces recorded", "traces compiled",
                "traces installed", "traces rejected", "trace entries",
                "traces invalidated", "traces unprofitable",
                "optimizer time (ms)"]
        parts = ["%s %d" % (k, d.get(k, 0)) for k in keys]
        rej = sorted(((v, k[10:]) for k, v in d.items()
                      if k.startswith("rejected: ")), reverse=True)
        print("# stats %s: %s" % (mode, ", ".join(parts)))
        if not d.get("trace entries"):
            print("# note: no LLVM trace was entered under %s: the "
                  "comparison only covered TCG" % mode)
        if rej:
            print("# stats %s rejections: %s" % (
                mode, ", ".join("%s %d" % (k, v) for v, k in rej)))


if __name__ == "__main__":
    sys.exit(main())
