/*
 * qemu-offload-cc: the checks that need the C source (libclang).
 *
 * Most eligibility rules are decided on the LLVM IR (ir-check.c); what
 * the IR has lowered away is checked here: unions and bit-field structs
 * passed or returned by value, va_list parameters, asm statements, and
 * where each function is defined, for the report.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_SOURCE_CHECK_H
#define OFFLOAD_SOURCE_CHECK_H

typedef struct SrcFunc {
    char *name;
    char *file;          /* the source file given on the command line */
    char *def_file;      /* where the definition is (a header, maybe) */
    unsigned line;
    const char *reason;  /* NULL: nothing against it in the source */
    int is_static;
} SrcFunc;

/*
 * Parse source with the given clang arguments and append every function
 * it defines (outside system headers) to *funcs.  Returns 0, or -1 with a
 * message when the file cannot be parsed.
 */
int source_check(const char *source, const char *const *args, int nargs,
                 SrcFunc **funcs, int *nfuncs);

#endif
