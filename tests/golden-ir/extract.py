#!/usr/bin/env python3
"""Print the normalized LLVM IR of one trace from a -d hybrid log.

usage: extract.py LOG HEAD   (HEAD: the trace's head address, 0x...)

The IR is the one logged as built (before LLVM's passes).  So that it
does not change with where the linker put the loop or where the host
loaded qemu-aarch64, guest addresses near HEAD become HEAD+N (labels and
constants), the host addresses of helpers (inttoptr constants) become
HOSTADDR, and the trace's number becomes traceN.  Exit status 1 if the log has no such trace.
"""
import re
import sys


def trace_ir(path, head):
    mine = False
    ir = None
    for line in open(path, errors='replace'):
        # Decision lines carry the milliseconds since the tier started.
        m = re.match(r'qemu-hybrid: +(?:[0-9.]+ ms )?trace\d+: head '
                     r'(0x[0-9a-f]+), ', line)
        if m:
            mine = int(m.group(1), 16) == head and ir is None
            continue
        if line.startswith('qemu-hybrid: trace IR as built') and mine:
            ir = []
            continue
        if line.startswith('qemu-hybrid:'):
            mine = False
            continue
        if mine and ir is not None:
            ir.append(line)
    return ir


def normalize(line, head):
    def near(v):
        return abs(v - head) < 0x1000
    line = re.sub(r'\btrace\d+\b', 'traceN', line)
    line = re.sub(r'\bpc_([0-9a-f]+)\b',
                  lambda m: 'pc_HEAD%+d' % (int(m.group(1), 16) - head)
                  if near(int(m.group(1), 16)) else m.group(0), line)
    line = re.sub(r'inttoptr \(i64 \d+ to ptr\)', 'inttoptr (i64 HOSTADDR to ptr)',
                  line)
    # The exit request sits before env, at a distance that depends on the
    # build (CPUNegativeOffsetState has a plugin field or not: -8 in the
    # dynamic build, -16 in the static one).
    line = re.sub(r'getelementptr i8, ptr %0, i64 -\d+\b',
                  'getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET', line)
    line = re.sub(r'(?<![\w%.-])(\d{7,})\b',
                  lambda m: 'HEAD%+d' % (int(m.group(1)) - head)
                  if near(int(m.group(1))) else m.group(1), line)
    return line


def main():
    path, head = sys.argv[1], int(sys.argv[2], 16)
    ir = trace_ir(path, head)
    if not ir:
        sys.stderr.write('no trace with head 0x%x in %s\n' % (head, path))
        return 1
    sys.stdout.write(''.join(normalize(line, head) for line in ir))
    return 0


if __name__ == '__main__':
    sys.exit(main())
