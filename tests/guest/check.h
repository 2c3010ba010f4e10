/*
 * Guest tests: the CHECK macro shared by every program.
 *
 * CHECK(cond, fmt, ...) counts a failure and prints a FAIL line with the
 * function and line; main() turns a non-zero count into exit status 1.
 * The count is atomic (threads.c checks from several threads).  Before
 * including, a program may define CHECK_MAX_REPORTS (FAIL lines printed at
 * most, default 50) and CHECK_SUFFIX() (what ends a FAIL line, default a
 * newline).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <stdio.h>

#ifndef CHECK_MAX_REPORTS
#define CHECK_MAX_REPORTS 50
#endif

#ifndef CHECK_SUFFIX
#define CHECK_SUFFIX() printf("\n")
#endif

static int failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond) &&                                                       \
            __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST) <=            \
            CHECK_MAX_REPORTS) {                                             \
            printf("FAIL %s:%d: ", __func__, __LINE__);                      \
            printf(__VA_ARGS__);                                             \
            CHECK_SUFFIX();                                                  \
        }                                                                    \
    } while (0)

#endif /* GUEST_CHECK_H */
