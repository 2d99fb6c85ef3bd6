// usrsctp (Debian's libusrsctp-dev), built for AF_CONN: SCTP packets travel over DTLS, never a
// kernel socket. Its pkg-config file asks for -DINET -DINET6, which SwiftPM refuses to pass on;
// the header's structs depend on them, so they are defined here.
#ifndef INET
#define INET 1
#endif
#ifndef INET6
#define INET6 1
#endif
#include <usrsctp.h>
