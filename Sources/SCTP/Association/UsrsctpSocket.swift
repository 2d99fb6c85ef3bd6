import Glibc
internal import CUsrsctp

/// The usrsctp socket calls an association makes, each with usrsctp's `-1`/`errno` convention
/// turned into a value: opening and configuring the one-to-one AF_CONN socket, binding and
/// connecting it, closing it with an ABORT, and reading its send-buffer use.
///
/// Invariant: a socket `open` returns is non-blocking and fully configured, or it was closed
/// and `open` threw.
enum UsrsctpSocket {
    /// `SCTP_GET_SNDBUF_USE` (read only): bytes queued in the association's send buffer.
    /// usrsctp implements it but its public header does not declare it; the value and the
    /// `struct sctp_sockstat` layout (association id, send-buffer bytes, receive-buffer bytes,
    /// three 32-bit words) come from usrsctp's `netinet/sctp.h` and `sctp_uio.h`.
    static let sendBufferUseOption: Int32 = 0x0000_1101

    /// On AF_CONN usrsctp fills packets up to the path MTU plus the 12-byte common header (it
    /// counts no IP header, and the common header outside the MTU), so the MTU it is given is
    /// the packet size less this.
    static let commonHeaderLength = 12

    /// The notifications an association reads (see `SCTPNotification`).
    static let subscribedEvents: [Int32] = [
        SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT, SCTP_STREAM_RESET_EVENT, SCTP_PARTIAL_DELIVERY_EVENT,
    ]

    /// A one-to-one (`SOCK_STREAM`) AF_CONN socket configured for `configuration`: no Nagle
    /// delay, receive info on every read, stream reset allowed, the notifications above, the
    /// buffers, stream counts and retransmission timeouts asked for, and a fixed path MTU with
    /// discovery off.
    static func open(_ configuration: SCTPConfiguration) throws(SCTPError) -> OpaquePointer {
        guard let socket = usrsctp_socket(AF_CONN, Int32(SOCK_STREAM.rawValue), Int32(IPPROTO_SCTP), nil, nil, 0, nil) else {
            throw .socketCreation(errno: errno)
        }
        do {
            try configure(socket, configuration)
        } catch {
            usrsctp_close(socket)
            throw error
        }
        return socket
    }

    private static func configure(_ socket: OpaquePointer, _ configuration: SCTPConfiguration) throws(SCTPError) {
        guard usrsctp_set_non_blocking(socket, 1) == 0 else {
            throw .socketOption(name: "non-blocking", errno: errno)
        }
        try set(socket, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF", Int32(configuration.sendBufferSize))
        try set(socket, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF", Int32(configuration.receiveBufferSize))
        let sctp = Int32(IPPROTO_SCTP)
        try set(socket, sctp, SCTP_NODELAY, "SCTP_NODELAY", Int32(1))
        try set(socket, sctp, SCTP_RECVRCVINFO, "SCTP_RECVRCVINFO", Int32(1))
        try set(socket, sctp, SCTP_ENABLE_STREAM_RESET, "SCTP_ENABLE_STREAM_RESET",
                sctp_assoc_value(assoc_id: sctp_assoc_t(SCTP_FUTURE_ASSOC), assoc_value: UInt32(SCTP_ENABLE_RESET_STREAM_REQ)))
        var initialization = sctp_initmsg()
        initialization.sinit_num_ostreams = UInt16(configuration.outboundStreams)
        initialization.sinit_max_instreams = UInt16(configuration.inboundStreams)
        initialization.sinit_max_init_timeo = UInt16(configuration.maximumRetransmissionTimeout)
        try set(socket, sctp, SCTP_INITMSG, "SCTP_INITMSG", initialization)
        try set(socket, sctp, SCTP_RTOINFO, "SCTP_RTOINFO", sctp_rtoinfo(
            srto_assoc_id: sctp_assoc_t(SCTP_FUTURE_ASSOC),
            srto_initial: UInt32(configuration.initialRetransmissionTimeout),
            srto_max: UInt32(configuration.maximumRetransmissionTimeout),
            srto_min: UInt32(configuration.minimumRetransmissionTimeout)))
        for type in subscribedEvents {
            var event = sctp_event()
            event.se_assoc_id = sctp_assoc_t(SCTP_FUTURE_ASSOC)
            event.se_type = UInt16(type)
            event.se_on = 1
            try set(socket, sctp, SCTP_EVENT, "SCTP_EVENT \(type)", event)
        }
        var path = sctp_paddrparams()
        path.spp_assoc_id = sctp_assoc_t(SCTP_FUTURE_ASSOC)
        path.spp_flags = UInt32(SPP_PMTUD_DISABLE)
        path.spp_pathmtu = UInt32(configuration.maximumPacketSize - commonHeaderLength)
        try set(socket, sctp, SCTP_PEER_ADDR_PARAMS, "SCTP_PEER_ADDR_PARAMS", path)
    }

    private static func set<Value: BitwiseCopyable>(
        _ socket: OpaquePointer, _ level: Int32, _ option: Int32, _ name: String, _ value: Value
    ) throws(SCTPError) {
        let result = withUnsafeBytes(of: value) {
            usrsctp_setsockopt(socket, level, option, $0.baseAddress, socklen_t($0.count))
        }
        guard result == 0 else { throw .socketOption(name: name, errno: errno) }
    }

    /// The AF_CONN address of an association: its registered pointer and a port.
    static func address(_ pointer: UnsafeMutableRawPointer, port: UInt16) -> sockaddr_conn {
        var address = sockaddr_conn()
        address.sconn_family = UInt16(AF_CONN)
        address.sconn_port = port.bigEndian
        address.sconn_addr = pointer
        return address
    }

    /// Binds to (`pointer`, `port`); 0 or the errno.
    static func bind(_ socket: OpaquePointer, _ pointer: UnsafeMutableRawPointer, port: UInt16) -> Int32 {
        var local = address(pointer, port: port)
        let result = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                usrsctp_bind(socket, $0, socklen_t(MemoryLayout<sockaddr_conn>.size))
            }
        }
        return result == 0 ? 0 : errno
    }

    /// Starts the handshake towards (`pointer`, `port`); 0 (EINPROGRESS counts as started)
    /// or the errno.
    static func connect(_ socket: OpaquePointer, _ pointer: UnsafeMutableRawPointer, port: UInt16) -> Int32 {
        var remote = address(pointer, port: port)
        let result = withUnsafeMutablePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                usrsctp_connect(socket, $0, socklen_t(MemoryLayout<sockaddr_conn>.size))
            }
        }
        guard result != 0 else { return 0 }
        let code = errno
        return code == EINPROGRESS ? 0 : code
    }

    /// Closes the socket at once: with a zero linger, usrsctp sends ABORT for a live
    /// association (through the output callback, during this call) and frees it.
    static func closeAborting(_ socket: OpaquePointer) {
        var lingering = linger(l_onoff: 1, l_linger: 0)
        _ = usrsctp_setsockopt(socket, SOL_SOCKET, SO_LINGER, &lingering, socklen_t(MemoryLayout<linger>.size))
        usrsctp_close(socket)
    }

    /// Bytes waiting in the send buffer (queued or sent but not acknowledged), or nil when
    /// usrsctp has no association to report on.
    static func sendBufferUse(_ socket: OpaquePointer) -> Int? {
        var statistics: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(UInt32, UInt32, UInt32)>.size)
        guard usrsctp_getsockopt(socket, Int32(IPPROTO_SCTP), sendBufferUseOption, &statistics, &length) == 0 else {
            return nil
        }
        return Int(statistics.1)
    }
}
