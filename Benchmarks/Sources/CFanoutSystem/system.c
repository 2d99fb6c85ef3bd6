#define _GNU_SOURCE
#include "CFanoutSystem.h"
#include <errno.h>
#include <sched.h>

int CFanoutSystem_pin_thread(pid_t tid, int cpu) {
    if (cpu < 0 || cpu >= CPU_SETSIZE) return EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(tid, sizeof set, &set) == 0 ? 0 : errno;
}
