import Glibc
internal import CUsrsctp

/// One SCTP association over DTLS (RFC 8261), sans-IO, on usrsctp's AF_CONN transport: the
/// packets usrsctp produces come out of `pollTransmit()`, the packets the peer sent go in
/// through `handlePacket(_:)`, and what happened comes out of `pollEvent()`.
///
/// ## The WebRTC pattern
/// One one-to-one socket, bound to (this object's address, `localPort`) and connected to
/// (the same address, `remotePort`): both ends call `connect()` once DTLS is up, and usrsctp
/// resolves the INIT collision (RFC 9260 §5.2.4). The object's address is what usrsctp knows
/// it by: it is registered with `usrsctp_register_address`, and `SCTPStack` routes each packet
/// usrsctp produces back here by it. That is why this is a class: its address must not move.
///
/// ## Driving it
/// After `connect()`, feed each SCTP packet from the peer to `handlePacket(_:)`, call
/// `SCTPStack.handleTimers(now:)` on its tick, and after each of these drain
/// `pollTransmit()` (into DTLS) and `pollEvent()`. Packets given before `connect()` are
/// dropped: usrsctp may answer an INIT on an unconnected socket with ABORT, while a dropped
/// INIT is simply repeated by the peer.
///
/// ## Back-pressure
/// While `isReadingPaused`, received messages stay in usrsctp's receive buffer: the window
/// the association announces shrinks to zero and the peer stops sending. Notifications queue
/// behind those messages, so events (stream resets, the end of the association) wait too.
/// Clearing it and calling `readPending()` delivers what waited.
///
/// ## Threads
/// Owned by the thread that owns `SCTPStack` (see there): no call may run alongside another
/// usrsctp call of the process. `@unchecked Sendable` only so that an association can be
/// handed to that thread; the handover must happen-before its first call there.
///
/// Invariants: while the object lives its address is registered with usrsctp and routed by
/// `SCTPStack`; `socket` is nil only after `abort()` (or while `deinit` runs); `state` moves
/// forward only (idle → connecting → established → shuttingDown → closed/failed, with steps
/// skipped); `.closed` is the last event.
public final class SCTPAssociation: @unchecked Sendable {
    /// Where the association stands.
    public enum State: Sendable, Equatable {
        /// Made, `connect()` not called yet.
        case idle
        /// INIT sent; the handshake is running.
        case connecting
        /// Messages flow.
        case established
        /// SHUTDOWN started by either side; queued messages are still delivered.
        case shuttingDown
        /// Ended by SHUTDOWN or ABORT.
        case closed
        /// Ended because the peer went silent or the handshake never completed.
        case failed
    }

    /// Bytes read from usrsctp per `usrsctp_recvv` call (larger messages come in parts).
    static let receiveBufferCapacity = 65_536

    public let configuration: SCTPConfiguration
    public internal(set) var state: State = .idle
    public internal(set) var counters = SCTPCounters()
    /// Outgoing streams the peer granted (0 until established).
    public internal(set) var outboundStreamCount = 0
    /// Incoming streams agreed with the peer (0 until established).
    public internal(set) var inboundStreamCount = 0
    /// Whether `handlePacket` and the timer tick leave received messages in usrsctp's buffer.
    /// After clearing it, call `readPending()`.
    public var isReadingPaused = false

    var socket: OpaquePointer?
    let receiveBuffer: UnsafeMutableRawBufferPointer
    var assembler: SCTPMessageAssembler
    var notificationParts: [UInt8] = []
    var eventQueue = SCTPQueue<SCTPEvent>()
    private var transmitQueue = SCTPQueue<[UInt8]>()
    /// The size of the last message refused with `.wouldBlock`, until room is reported.
    private var blockedMessageSize: Int?

    /// The address usrsctp knows this association by.
    var address: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Opens and configures the socket and binds it to (this object, `localPort`).
    public init(configuration: SCTPConfiguration) throws(SCTPError) {
        try configuration.validate()
        SCTPStack.initialize()
        let socket = try UsrsctpSocket.open(configuration)
        self.socket = socket
        self.configuration = configuration
        assembler = SCTPMessageAssembler(limit: configuration.maximumMessageSize)
        receiveBuffer = .allocate(byteCount: Self.receiveBufferCapacity, alignment: 8)
        // From here on `deinit` runs if this initializer throws, and undoes all of it.
        SCTPStack.add(self, at: address)
        usrsctp_register_address(address)
        let code = UsrsctpSocket.bind(socket, address, port: configuration.localPort)
        guard code == 0 else { throw .bind(port: configuration.localPort, errno: code) }
    }

    deinit {
        SCTPStack.remove(at: address)
        if let socket { UsrsctpSocket.closeAborting(socket) }
        usrsctp_deregister_address(address)
        receiveBuffer.deallocate()
    }

    /// Starts the handshake (INIT). Call once, when DTLS is up; later calls do nothing.
    public func connect() {
        guard state == .idle, let socket else { return }
        state = .connecting
        if UsrsctpSocket.connect(socket, address, port: configuration.remotePort) != 0 {
            finish(.cannotStart)
        }
    }

    /// One SCTP packet from the peer (the plaintext of one DTLS record). Packets too short,
    /// not from `remotePort` to `localPort`, or with a wrong CRC-32C are counted in
    /// `counters.malformedPackets` and never reach usrsctp.
    public func handlePacket(_ bytes: UnsafeRawBufferPointer) {
        guard state != .idle, socket != nil else { return }
        guard let base = bytes.baseAddress,
              SCTPPacketCheck.defect(in: bytes, localPort: configuration.localPort, remotePort: configuration.remotePort) == nil
        else {
            counters.malformedPackets += 1
            return
        }
        counters.packetsReceived += 1
        counters.packetBytesReceived += UInt64(bytes.count)
        usrsctp_conninput(address, base, bytes.count, 0)
        collectDelivered()
    }

    /// The next packet for the peer (to encrypt with DTLS and send), oldest first.
    public func pollTransmit() -> [UInt8]? {
        transmitQueue.pop()
    }

    /// The next event, oldest first.
    public func pollEvent() -> SCTPEvent? {
        eventQueue.pop()
    }

    /// Queues one message on `stream` with payload protocol identifier `ppid`. Nothing is
    /// queued unless the result is `.sent`; after `.wouldBlock`, `.sendBufferAvailable` says
    /// when to try again.
    public func send(
        _ payload: UnsafeRawBufferPointer, stream: UInt16, ppid: UInt32, options: SCTPSendOptions
    ) -> SCTPSendResult {
        guard state == .established, let socket else { return .notEstablished }
        guard let base = payload.baseAddress, !payload.isEmpty else { return .emptyPayload }
        guard payload.count <= configuration.sendBufferSize else { return .tooLarge }
        guard Int(stream) < outboundStreamCount else { return .invalidStream }
        var info = sctp_sendv_spa()
        info.sendv_flags = UInt32(SCTP_SEND_SNDINFO_VALID)
        info.sendv_sndinfo.snd_sid = stream
        info.sendv_sndinfo.snd_flags = options.unordered ? UInt16(SCTP_UNORDERED) : 0
        info.sendv_sndinfo.snd_ppid = ppid.bigEndian
        switch options.reliability {
        case .reliable:
            break
        case .maxRetransmits(let count):
            info.sendv_flags |= UInt32(SCTP_SEND_PRINFO_VALID)
            info.sendv_prinfo = sctp_prinfo(pr_policy: UInt16(SCTP_PR_SCTP_RTX), pr_value: count)
        case .maxLifetime(let milliseconds):
            info.sendv_flags |= UInt32(SCTP_SEND_PRINFO_VALID)
            info.sendv_prinfo = sctp_prinfo(pr_policy: UInt16(SCTP_PR_SCTP_TTL), pr_value: milliseconds)
        }
        let sent = usrsctp_sendv(
            socket, base, payload.count, nil, 0, &info, socklen_t(MemoryLayout<sctp_sendv_spa>.size),
            UInt32(SCTP_SENDV_SPA), 0)
        guard sent < 0 else {
            counters.messagesSent += 1
            counters.messageBytesSent += UInt64(payload.count)
            return .sent
        }
        let code = errno
        switch code {
        case EWOULDBLOCK, EAGAIN:
            counters.wouldBlockSends += 1
            blockedMessageSize = payload.count
            return .wouldBlock
        case EMSGSIZE:
            return .tooLarge
        default:
            return .failed(errno: code)
        }
    }

    /// Resets these outgoing streams (RFC 6525, after the data queued on them is sent);
    /// `.outgoingStreamsReset` reports completion, in one event per group usrsctp reset
    /// together (a stream with data in flight completes after the others). False (nothing
    /// requested) when not established, when `streams` is empty or names a stream the peer did
    /// not grant, or when usrsctp refuses.
    public func resetOutgoingStreams(_ streams: [UInt16]) -> Bool {
        guard state == .established, let socket, !streams.isEmpty, streams.count <= Int(UInt16.max),
              streams.allSatisfy({ Int($0) < outboundStreamCount })
        else { return false }
        let headerSize = MemoryLayout<sctp_reset_streams>.size
        let size = headerSize + 2 * streams.count
        let request = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<sctp_reset_streams>.alignment)
        defer { request.deallocate() }
        request.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        var header = sctp_reset_streams()
        header.srs_flags = UInt16(SCTP_STREAM_RESET_OUTGOING)
        header.srs_number_streams = UInt16(streams.count)
        request.storeBytes(of: header, as: sctp_reset_streams.self)
        for (index, stream) in streams.enumerated() {
            request.storeBytes(of: stream, toByteOffset: headerSize + 2 * index, as: UInt16.self)
        }
        return usrsctp_setsockopt(socket, Int32(IPPROTO_SCTP), SCTP_RESET_STREAMS, request, socklen_t(size)) == 0
    }

    /// Bytes in usrsctp's send buffer (queued or unacknowledged, chunk headers included);
    /// 0 without an association.
    public var bufferedAmount: Int {
        guard let socket, state == .established || state == .shuttingDown else { return 0 }
        return UsrsctpSocket.sendBufferUse(socket) ?? 0
    }

    /// Starts a graceful SHUTDOWN once queued data is acknowledged; its packets keep coming out
    /// of `pollTransmit()` and `.closed(.shutdown)` follows. Before establishment it aborts.
    public func close() {
        switch state {
        case .idle, .connecting:
            abort()
        case .established:
            guard let socket, usrsctp_shutdown(socket, Int32(SHUT_WR)) == 0 else {
                abort()
                return
            }
            state = .shuttingDown
        case .shuttingDown, .closed, .failed:
            return
        }
    }

    /// Ends the association at once: ABORT goes out through `pollTransmit()`, the socket is
    /// closed and `.closed(.aborted)` follows (unless the association had already ended).
    public func abort() {
        if let socket {
            self.socket = nil
            UsrsctpSocket.closeAborting(socket)
        }
        finish(.aborted)
    }

    /// Called by the stack's output callback for each packet usrsctp produced for this
    /// association.
    func queueOutgoing(_ packet: UnsafeRawBufferPointer) {
        counters.packetsSent += 1
        counters.packetBytesSent += UInt64(packet.count)
        transmitQueue.push(Array(packet))
    }

    /// Reads what usrsctp delivered (unless paused) and reports room in the send buffer: after
    /// each packet, and after each timer tick (timers end associations and free send buffer).
    func collectDelivered() {
        if !isReadingPaused { readPending() }
        reportRoomIfFreed()
    }

    private func reportRoomIfFreed() {
        guard let blocked = blockedMessageSize, state == .established, let socket else { return }
        let used = UsrsctpSocket.sendBufferUse(socket) ?? 0
        guard configuration.sendBufferSize - used >= blocked else { return }
        blockedMessageSize = nil
        eventQueue.push(.sendBufferAvailable)
    }

    /// Ends the association once: sets the final state and reports why.
    func finish(_ reason: SCTPCloseReason) {
        guard state != .closed, state != .failed else { return }
        state = reason == .communicationLost || reason == .cannotStart ? .failed : .closed
        assembler.abandon()
        blockedMessageSize = nil
        eventQueue.push(.closed(reason))
    }
}
