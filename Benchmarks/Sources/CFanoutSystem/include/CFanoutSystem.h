// What the fan-out harness needs from Linux that Swift's Glibc module does not declare
// (it needs _GNU_SOURCE): thread placement.
#ifndef CFANOUTSYSTEM_H
#define CFANOUTSYSTEM_H
#include <sys/types.h>

/// Pins thread `tid` (0: the calling thread) to CPU `cpu`; 0 on success, else an errno value.
int CFanoutSystem_pin_thread(pid_t tid, int cpu);

#endif
