/* Preloaded into Janus (LD_PRELOAD) for tests and benchmarks on one machine: Janus gathers no
   candidate on interfaces flagged IFF_LOOPBACK, so this getifaddrs() clears that flag on every
   interface it returns. Nothing else changes. Built by scripts/janus.sh. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <ifaddrs.h>
#include <net/if.h>

typedef int (*getifaddrs_function)(struct ifaddrs **);

int getifaddrs(struct ifaddrs **list) {
    static getifaddrs_function next = 0;
    if (!next) next = (getifaddrs_function)dlsym(RTLD_NEXT, "getifaddrs");
    if (!next) return -1;
    int result = next(list);
    if (result == 0)
        for (struct ifaddrs *entry = *list; entry; entry = entry->ifa_next) entry->ifa_flags &= ~IFF_LOOPBACK;
    return result;
}
