// What the fan-out harness needs from Linux that Swift's Glibc module does not declare
// (these need _GNU_SOURCE): thread placement and the calling thread's id.
#ifndef CFANOUTSYSTEM_H
#define CFANOUTSYSTEM_H
#include <sys/types.h>

/// Pins thread `tid` (0: the calling thread) to CPU `cpu`; 0 on success, else an errno value.
int CFanoutSystem_pin_thread(pid_t tid, int cpu);

/// The calling thread's kernel id (as in /proc/self/task/<tid>).
pid_t CFanoutSystem_gettid(void);

#endif
