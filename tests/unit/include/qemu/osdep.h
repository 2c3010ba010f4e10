/*
 * Stand-in for QEMU's qemu/osdep.h in the host-side unit tests: the C
 * and glib headers QEMU's own would bring, and nothing of QEMU.  A file
 * that builds against it uses no more than that (hybrid-region.c says
 * so in its header); if one starts to, its test stops building.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TESTS_UNIT_OSDEP_H
#define HYBRID_TESTS_UNIT_OSDEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#endif /* HYBRID_TESTS_UNIT_OSDEP_H */
