/*
 * Offload run time: reading ELF files safely (offload-elf.c).
 *
 * Both files the run time reads, the guest program and the -offload
 * object, come from the user: these helpers read only regular files,
 * only the bytes asked for, and check every range against the file's
 * real size first.  offload_elf_check_object() decides whether ld.so
 * may be given the object at all.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_RUNTIME_ELF_H
#define OFFLOAD_RUNTIME_ELF_H

#include <stdbool.h>
#include <stdint.h>

/* The most PT_LOAD segments an offload object may have. */
#define OFFLOAD_ELF_MAX_LOADS 16

/* An open regular file and its size when it was opened. */
typedef struct OffloadFile {
    int fd;
    uint64_t size;
} OffloadFile;

/*
 * Open @path for reading if it is a regular file (never blocks: a FIFO
 * or a device is refused, not read).  NULL on success, else why not.
 */
const char *offload_file_open(const char *path, OffloadFile *f);
void offload_file_close(OffloadFile *f);

/* Is [off, off + len) inside [0, size)?  No wrap-around possible. */
static inline bool offload_range_in(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/* Read @len bytes at @off; false if the range is not in the file. */
bool offload_file_read(const OffloadFile *f, uint64_t off, uint64_t len,
                       void *dst);

/*
 * Check that @path is an x86-64 shared object whose headers, dynamic
 * section, symbol, version and relocation tables hold nothing that
 * would make ld.so read or write outside the object's own mappings, or
 * call code outside its executable segments.  NULL if dlopen() may be
 * given the file, else why not (g_free it).
 */
char *offload_elf_check_object(const char *path);

#endif /* OFFLOAD_RUNTIME_ELF_H */
