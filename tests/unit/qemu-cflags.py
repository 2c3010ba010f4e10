#!/usr/bin/env python3
"""qemu-cflags.py COMPILE_COMMANDS SOURCE: the compiler and flags the QEMU
build (meson's compile_commands.json) compiled the file whose path ends
in SOURCE with, without its output, source and dependency-file options,
one shell word a line.  For unit tests that include QEMU's headers.
Run from the build directory: the paths in the flags are relative to it.
"""
import json
import shlex
import sys


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    for entry in json.load(open(argv[0])):
        if entry["file"].endswith("/" + argv[1]):
            words = shlex.split(entry["command"])
            break
    else:
        sys.stderr.write("%s: no entry for %s\n" % (argv[0], argv[1]))
        return 1
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w in ("-o", "-MQ", "-MF"):
            skip = True
        elif w not in ("-c", "-MD") and not w.endswith("/" + argv[1]):
            out.append(w)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
