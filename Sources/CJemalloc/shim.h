// jemalloc (Debian's libjemalloc-dev, unprefixed symbols). Linking it puts libjemalloc.so.2
// ahead of libc in the executable's NEEDED list, so it serves every malloc of the process.
#include <jemalloc/jemalloc.h>
