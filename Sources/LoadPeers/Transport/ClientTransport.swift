public import DTLS
public import ICE
public import LoadModel
public import RTCWire
import SDP
public import SRTP

/// One simulated peer's transport toward a server, the client's side of what SFUCore's
/// `PeerTransport` is on the server: a full ICE agent in the controlling role, a DTLS endpoint in
/// the role the SDP exchange settled, and the SRTP session made from its keys.
///
/// Sans-IO, like every protocol machine here: feed each datagram to
/// `handleDatagram(_:from:now:)` and each expired deadline to `handleTimeout(now:)`; after every
/// call drain `pollTransmit(into:)` and `pollEvent()`, then arm a timer for `pollTimeout()`.
///
/// Demultiplexing (RFC 7983): STUN goes to the agent; DTLS is taken only from one of the
/// server's candidates (or the selected one), RTP and RTCP only from the DTLS peer once keys are
/// in place. A DTLS client starts its handshake once ICE selected a pair; a DTLS server waits
/// for the server's first record. ICE and DTLS must both be up by the connect deadline
/// (`connectTimeout` after creation), or the transport fails.
///
/// Invariants: `phase` moves `connecting` → `connected`, and from either to `failed` or
/// `closed`, which are final (every later input is dropped); the SRTP session exists exactly
/// when `phase` has been `connected`; the RTP/RTCP paths decrypt and encrypt in the caller's
/// buffer and never allocate.
public struct ClientTransport {
    public private(set) var phase: TransportPhase = .connecting
    public let dtlsRole: LocalDTLSRole
    /// The negotiated SRTP profile, once connected.
    public var srtpProfile: SRTPProfile? { srtp?.profile }

    private var ice: ICEControllingAgent
    private let dtls: DTLSEndpoint
    private var srtp: SRTPSession?
    private let serverCandidates: [STUNTransportAddress]
    /// Where DTLS, RTP and RTCP go and are accepted from: the selected pair's remote address, or
    /// (DTLS server, before ICE selected one) the source of the server's first record.
    private var peer: STUNTransportAddress?
    private let connectDeadline: Timestamp
    private var events: [ClientTransportEvent] = []

    /// A transport with `localCredentials` toward the server `remote` describes, created at
    /// `now`; ICE starts checking at once.
    public init(
        localCredentials: ICECredentials, remote: RemoteTransportDescription, dtlsContext: DTLSContext,
        connectTimeout: Duration, tieBreaker: UInt64, now: Timestamp
    ) throws(ClientTransportError) {
        guard !remote.candidates.isEmpty else { throw .noCandidate }
        let fingerprints = try Self.dtlsFingerprints(of: remote)
        let role: DTLSRole = remote.localDTLSRole == .client ? .client : .server
        do {
            dtls = try DTLSEndpoint(context: dtlsContext, role: role, remoteFingerprints: fingerprints)
        } catch {
            throw .dtls(error.description)
        }
        dtlsRole = remote.localDTLSRole
        serverCandidates = remote.candidates
        connectDeadline = now + connectTimeout
        ice = ICEControllingAgent(
            localCredentials: localCredentials, remoteCredentials: remote.credentials, remoteCandidates: remote.candidates,
            tieBreaker: tieBreaker,
            configuration: ICEControllingConfiguration(connectTimeout: connectTimeout), now: now)
        events.reserveCapacity(4)
    }

    /// The server's fingerprints as DTLS checks them (those with a hash function DTLS knows).
    public static func dtlsFingerprints(of remote: RemoteTransportDescription) throws(ClientTransportError) -> [DTLSFingerprint] {
        let fingerprints = remote.fingerprints.compactMap { try? DTLSFingerprint(sdpValue: "\($0.algorithm) \($0.hexValue)") }
        guard !fingerprints.isEmpty else {
            throw .noUsableFingerprint(remote.fingerprints.map { "\($0.algorithm) \($0.hexValue)" })
        }
        return fingerprints
    }

    private var isFinal: Bool {
        switch phase {
        case .failed, .closed: true
        case .connecting, .connected: false
        }
    }

    // MARK: Input

    /// Handles one datagram from `source`; `bytes` is decrypted in place when it is SRTP/SRTCP.
    public mutating func handleDatagram(
        _ bytes: UnsafeMutableRawBufferPointer, from source: STUNTransportAddress, now: Timestamp
    ) -> ClientTransportInput {
        guard !isFinal else { return .dropped }
        switch PacketClass(classifying: UnsafeRawBufferPointer(bytes)) {
        case .stun:
            let outcome = ice.handleSTUN(UnsafeRawBufferPointer(bytes), from: source, now: now)
            collectICEEvents(now: now)
            if case .dropped = outcome { return .dropped }
            return .consumed
        case .dtls:
            guard isServerAddress(source) else { return .dropped }
            if peer == nil { peer = source }
            dtls.handleDatagram(UnsafeRawBufferPointer(bytes), now: UInt64(clamping: now.nanoseconds))
            collectDTLSEvents()
            return .consumed
        case .rtp:
            guard let srtp, source == peer else { return .dropped }
            guard case .ok(let length) = srtp.unprotectRTP(bytes, length: bytes.count) else { return .srtpFailed }
            return .rtp(length: length)
        case .rtcp:
            guard let srtp, source == peer else { return .dropped }
            guard case .ok(let length) = srtp.unprotectRTCP(bytes, length: bytes.count) else { return .srtpFailed }
            return .rtcp(length: length)
        case .zrtp, .turnChannel, .unknown:
            return .dropped
        }
    }

    /// Runs the expired timers: the connect deadline, ICE's checks and consent, DTLS's
    /// retransmissions.
    public mutating func handleTimeout(now: Timestamp) {
        guard !isFinal else { return }
        if phase == .connecting, now >= connectDeadline {
            fail(ice.state == .connected ? "DTLS did not connect in time" : "ICE did not connect in time")
            return
        }
        ice.handleTimeout(now: now)
        collectICEEvents(now: now)
        guard !isFinal else { return }
        dtls.handleTimeout(now: UInt64(clamping: now.nanoseconds))
        collectDTLSEvents()
    }

    /// Sends one SCTP packet to the server as a DTLS application-data record; false when DTLS is
    /// not connected or the packet does not fit one record.
    public mutating func sendApplicationData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard phase == .connected else { return false }
        do {
            try dtls.send(applicationData: bytes)
        } catch {
            collectDTLSEvents()
            return false
        }
        return true
    }

    /// Closes the transport: ICE stops, DTLS queues close_notify when connected (sent by the
    /// next `pollTransmit`), and every later input is dropped.
    public mutating func close() {
        guard !isFinal else { return }
        ice.close()
        dtls.close()
        phase = .closed
        events.append(.closed)
    }

    // MARK: Output

    /// Writes the next datagram to send into `buffer`: ICE checks first, then DTLS flights.
    public mutating func pollTransmit(into buffer: UnsafeMutableRawBufferPointer) -> ClientTransmit? {
        if !isFinal, let check = ice.pollTransmit(into: buffer) {
            return ClientTransmit(destination: check.destination, byteCount: check.byteCount)
        }
        while let datagram = dtls.pollTransmit() {
            guard let peer, datagram.count <= buffer.count else { continue }
            datagram.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[..<datagram.count]).copyMemory(from: $0) }
            return ClientTransmit(destination: peer, byteCount: datagram.count)
        }
        return nil
    }

    /// The oldest event not yet taken, or nil.
    public mutating func pollEvent() -> ClientTransportEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// The earliest deadline of the agent, the DTLS endpoint and the connect deadline; nil once
    /// final.
    public func pollTimeout() -> Timestamp? {
        guard !isFinal else { return nil }
        var earliest = phase == .connecting ? connectDeadline : Timestamp.distantFuture
        if let deadline = ice.pollTimeout() { earliest = min(earliest, deadline) }
        if let deadline = dtls.pollTimeout() { earliest = min(earliest, Timestamp(nanoseconds: Int64(clamping: deadline))) }
        return earliest == .distantFuture ? nil : earliest
    }

    // MARK: Media

    /// Encrypts the RTP packet in the first `length` bytes of `buffer` in place and says where
    /// to send it; nil when not connected or the packet cannot be protected (the buffer must
    /// hold `length` plus the profile's trailer).
    public func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> ClientTransmit? {
        guard phase == .connected, let srtp, let peer, case .ok(let protected) = srtp.protectRTP(buffer, length: length) else {
            return nil
        }
        return ClientTransmit(destination: peer, byteCount: protected)
    }

    /// As `protectRTP`, for an RTCP compound packet.
    public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> ClientTransmit? {
        guard phase == .connected, let srtp, let peer, case .ok(let protected) = srtp.protectRTCP(buffer, length: length) else {
            return nil
        }
        return ClientTransmit(destination: peer, byteCount: protected)
    }

    // MARK: Internals

    private func isServerAddress(_ source: STUNTransportAddress) -> Bool {
        if let peer { return source == peer }
        for candidate in serverCandidates where candidate == source { return true }
        return false
    }

    private mutating func collectICEEvents(now: Timestamp) {
        while let event = ice.pollEvent() {
            switch event {
            case .selectedPairChanged(let pair):
                peer = pair.remote
                startClientHandshake(now: now)
            case .consentExpired, .connectTimedOut:
                break  // Followed by stateChanged(.failed); `ice.failure` says why.
            case .stateChanged(let state):
                if state == .failed { fail(ice.failure.map { "ICE failed: \($0)" } ?? "ICE failed") }
                if state == .connected { startClientHandshake(now: now) }
            }
        }
    }

    private mutating func startClientHandshake(now: Timestamp) {
        guard !isFinal, dtlsRole == .client, dtls.state == .idle, peer != nil, ice.state == .connected else { return }
        dtls.start(now: UInt64(clamping: now.nanoseconds))
        collectDTLSEvents()
    }

    private mutating func collectDTLSEvents() {
        while let event = dtls.pollEvent() {
            switch event {
            case .connected(let keyingMaterial, _):
                do {
                    srtp = try SRTPSession(keyingMaterial: keyingMaterial)
                } catch {
                    fail("SRTP session: \(error)")
                    return
                }
                guard phase == .connecting else { continue }
                phase = .connected
                events.append(.connected(srtpProfile: keyingMaterial.profile))
            case .applicationData(let bytes):
                events.append(.applicationData(bytes))
            case .closed:
                fail("the server closed DTLS")
            case .failed(let error):
                fail("DTLS: \(error)")
            }
        }
    }

    /// Ends the transport with `reason`; nothing more is sent (no close_notify to a peer whose
    /// consent is gone or that never connected).
    private mutating func fail(_ reason: String) {
        guard !isFinal else { return }
        ice.close()
        dtls.close()
        while dtls.pollTransmit() != nil {}
        srtp = nil
        phase = .failed(reason)
        events.append(.failed(reason))
    }
}
