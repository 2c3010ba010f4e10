#!/usr/bin/env python3
# Offload fuzz test: malformed copies of one valid offload object.
#
#   fuzz-object.py [--seed N] [--count N] OBJECT OUTDIR > LIST
#
# Writes mutated copies of OBJECT (an x86-64 shared object made by
# qemu-offload-cc) into OUTDIR and prints one line per case,
# "ID KIND PATH", in a fixed order for a given seed:
#   KIND warn  the run must refuse the object ("running fully emulated")
#   KIND any   the run must only behave as the emulated run (a mutation
#              that leaves the object usable is allowed)
# The mutations: ELF header fields, program header fields, dynamic
# entries (values and tags), the manifest's counts (nfuncs, nimports,
# found through the qemu_offload_manifest dynamic symbol, layout of
# offload/include/offload-abi.h), truncations, and the fixed cases of
# issue 16 (e_phoff + e_phnum * 56 wrapping past 2^64, import counts of
# 1000, 100000 and 2^32-1, /dev/zero, a FIFO, a directory).
#
# Values are boundary values (0, 1, all ones, the sign bit, the file's
# size, the original off by one ...), never "another plausible layout":
# moving a code pointer by a few bytes, or a segment to other bytes of
# the file with the same alignment, gives an object that is well formed
# and wrong, which no check of the file can tell (like changed code).
# For the same reason nimports only grows: a smaller count leaves import
# slots unfilled, and ABI version 1 records the table's size nowhere.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import argparse
import os
import random
import struct
import sys

EHDR = [  # name, offset, struct format
    ('ei_class', 4, 'B'), ('ei_data', 5, 'B'), ('ei_version', 6, 'B'),
    ('ei_osabi', 7, 'B'), ('e_type', 16, '<H'), ('e_machine', 18, '<H'),
    ('e_version', 20, '<I'), ('e_entry', 24, '<Q'), ('e_phoff', 32, '<Q'),
    ('e_shoff', 40, '<Q'), ('e_flags', 48, '<I'), ('e_ehsize', 52, '<H'),
    ('e_phentsize', 54, '<H'), ('e_phnum', 56, '<H'),
    ('e_shentsize', 58, '<H'), ('e_shnum', 60, '<H'), ('e_shstrndx', 62, '<H'),
]
PHDR = [  # relative to the program header
    ('p_type', 0, '<I'), ('p_flags', 4, '<I'), ('p_offset', 8, '<Q'),
    ('p_vaddr', 16, '<Q'), ('p_paddr', 24, '<Q'), ('p_filesz', 32, '<Q'),
    ('p_memsz', 40, '<Q'), ('p_align', 48, '<Q'),
]
PT_LOAD, PT_DYNAMIC = 1, 2
DT_INIT, DT_FINI = 12, 13
SIZE_TAGS = {2, 8, 9, 10, 11, 27, 28, 0x6ffffff9, 0x6fffffff}
MANIFEST_NFUNCS, MANIFEST_NIMPORTS = 52, 64     # offsets in OffloadManifest


class Elf:
    def __init__(self, data):
        self.data = data
        self.phoff, = struct.unpack_from('<Q', data, 32)
        self.phnum, = struct.unpack_from('<H', data, 56)
        self.shoff, = struct.unpack_from('<Q', data, 40)
        self.shnum, = struct.unpack_from('<H', data, 60)
        self.ph = [struct.unpack_from('<IIQQQQQQ', data, self.phoff + 56 * i)
                   for i in range(self.phnum)]

    def file_offset(self, vaddr):
        for p_type, _, off, va, _, filesz, _, _ in self.ph:
            if p_type == PT_LOAD and va <= vaddr < va + filesz:
                return off + vaddr - va
        raise ValueError('address 0x%x is not in the file' % vaddr)

    def dynamic(self):
        """(file offset, tag, value) of each entry up to DT_NULL."""
        dyn = [p for p in self.ph if p[0] == PT_DYNAMIC][0]
        out = []
        for off in range(dyn[2], dyn[2] + dyn[5], 16):
            tag, val = struct.unpack_from('<qQ', self.data, off)
            if tag == 0:
                break
            out.append((off, tag, val))
        return out

    def manifest_offset(self):
        """File offset of qemu_offload_manifest, from .dynsym/.dynstr."""
        sh = [struct.unpack_from('<IIQQQQIIQQ', self.data, self.shoff + 64 * i)
              for i in range(self.shnum)]
        for _, sh_type, _, _, off, size, link, _, _, entsize in sh:
            if sh_type != 11:           # SHT_DYNSYM
                continue
            stroff = sh[link][4]
            for i in range(size // entsize):
                name, _, _, _, value, _ = struct.unpack_from(
                    '<IBBHQQ', self.data, off + i * entsize)
                end = self.data.index(b'\0', stroff + name)
                if self.data[stroff + name:end] == b'qemu_offload_manifest':
                    return self.file_offset(value)
        raise ValueError('no qemu_offload_manifest in .dynsym')


def boundary(orig, fmt, size):
    """Boundary values for a field of struct format fmt."""
    bits = 8 * struct.calcsize(fmt)
    top = (1 << bits) - 1
    vals = [0, 1, top, top >> 1, 1 << (bits - 1), orig + 1, orig - 1,
            orig * 2 + 1, size, size + 1, orig ^ (1 << (bits - 1))]
    return sorted({v & top for v in vals if (v & top) != orig})


class Writer:
    def __init__(self, outdir, base):
        self.outdir, self.base, self.n = outdir, base, 0
        self.lines = []

    def add(self, what, kind, edits=(), length=None):
        """A copy of the object with edits [(offset, fmt, value)]."""
        data = bytearray(self.base if length is None else self.base[:length])
        for off, fmt, val in edits:
            struct.pack_into(fmt, data, off, val)
        self.n += 1
        path = os.path.join(self.outdir, '%03d-%s.so' % (self.n, what))
        with open(path, 'wb') as f:
            f.write(data)
        self.line('%03d-%s' % (self.n, what), kind, path)

    def line(self, ident, kind, path):
        self.lines.append('%s %s %s' % (ident, kind, path))


def field_mutations(elf, rng):
    """(name, [(offset, fmt, value)]) for header and dynamic fields."""
    size, out = len(elf.data), []
    for name, off, fmt in EHDR:
        orig, = struct.unpack_from(fmt, elf.data, off)
        for v in rng.sample(boundary(orig, fmt, size), 4):
            out.append(('%s-%x' % (name, v), [(off, fmt, v)]))
    for i in range(elf.phnum):
        base = elf.phoff + 56 * i
        for name, off, fmt in PHDR:
            orig, = struct.unpack_from(fmt, elf.data, base + off)
            for v in rng.sample(boundary(orig, fmt, size), 3):
                out.append(('ph%d-%s-%x' % (i, name, v),
                            [(base + off, fmt, v)]))
    for i, (off, tag, val) in enumerate(elf.dynamic()):
        vals = [0, 1, (1 << 64) - 1, 1 << 63, size, size << 4,
                rng.getrandbits(64)]
        if tag in SIZE_TAGS:
            vals += [val + 1, val - 1 if val else 3, val * 2 + 1]
        elif tag not in (DT_INIT, DT_FINI):   # code: see the header
            vals += [val + 1, val + 4, val + 0x10000]
        for v in rng.sample(sorted({v & ((1 << 64) - 1) for v in vals
                                    if v != val}), 4):
            out.append(('dyn%d-val-%x' % (i, v), [(off + 8, '<Q', v)]))
        for t in (0, 0x6ffffe00):             # DT_NULL, an unknown tag
            out.append(('dyn%d-tag-%x' % (i, t), [(off, '<q', t)]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=16)
    ap.add_argument('--count', type=int, default=300,
                    help='header, dynamic and truncation cases at most')
    ap.add_argument('object')
    ap.add_argument('outdir')
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = open(args.object, 'rb').read()
    elf = Elf(base)
    os.makedirs(args.outdir, exist_ok=True)
    w = Writer(args.outdir, base)
    man = elf.manifest_offset()
    nfuncs, = struct.unpack_from('<I', base, man + MANIFEST_NFUNCS)
    nimports, = struct.unpack_from('<I', base, man + MANIFEST_NIMPORTS)

    # The cases of the issue, each of which must be refused.
    w.add('phoff-wraps', 'warn', [(32, '<Q', (1 << 64) - 65535 * 56),
                                  (56, '<H', 65535)])
    w.add('phoff-wraps-to-0', 'warn', [(32, '<Q', (1 << 64) - 65534 * 56),
                                       (56, '<H', 65534)])
    w.add('phoff-wraps-9', 'warn', [(32, '<Q', (1 << 64) - 8)])
    for n in (1000, 100000, (1 << 32) - 1):
        w.add('nimports-%d' % n, 'warn',
              [(man + MANIFEST_NIMPORTS, '<I', n)])
    w.line('dev-zero', 'warn', '/dev/zero')
    fifo = os.path.join(args.outdir, 'fifo.so')
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)
    w.line('fifo', 'warn', fifo)
    w.line('directory', 'warn', args.outdir)

    # The manifest's counts: larger than the arrays (never fits), or fewer
    # functions (fine: the rest stay emulated).
    for n in sorted({nfuncs + 1, nfuncs + 2, 2 * nfuncs + 1, 255, 1000,
                     100000, 1 << 31, (1 << 32) - 1, 0, max(nfuncs - 1, 0)}):
        if n != nfuncs:
            w.add('nfuncs-%d' % n, 'any', [(man + MANIFEST_NFUNCS, '<I', n)])
    for n in (nimports + 1, nimports + 2, 2 * nimports + 1, 255, 65536,
              1 << 31):
        w.add('nimports-%d' % n, 'any', [(man + MANIFEST_NIMPORTS, '<I', n)])

    # Fields, then truncations, up to --count in all (a fixed sample).
    fields = field_mutations(elf, rng)
    cuts = sorted({0, 1, 4, 5, 16, 63, 64, 65, 119, 120, len(base) - 1} |
                  {rng.randrange(len(base)) for _ in range(40)} |
                  set(range(0, len(base), len(base) // 24)))
    nfields = max(args.count - len(cuts), 0)
    for name, edits in sorted(rng.sample(fields, min(nfields, len(fields))),
                              key=lambda f: f[1][0][0]):
        w.add(name, 'any', edits)
    for n in cuts:
        w.add('cut-%d' % n, 'any', length=n)
    print('\n'.join(w.lines))
    print('%d cases (seed %d) from %s' % (len(w.lines), args.seed,
                                          args.object), file=sys.stderr)


if __name__ == '__main__':
    main()
