// What the data-channel benchmarks need from glibc that Swift's Glibc module does not declare
// (it leaves <malloc.h> out): how many bytes the heap has handed out.
#ifndef CHEAPUSAGE_H
#define CHEAPUSAGE_H
#include <stddef.h>

/// Bytes of the process's heap in use, from glibc's mallinfo2(): chunks in use in every arena
/// (`uordblks`) plus blocks served by mmap (`hblkhd`), glibc's per-chunk overhead included.
size_t CHeapUsage_allocated_bytes(void);

#endif
