public import DTLS
public import ICE
public import RTCWire
public import SDP
public import SRTP

/// One client RTCPeerConnection as the server sees it: an ICE-lite agent, a DTLS endpoint, and the
/// SRTP session made from the DTLS keys. A publish transport is the DTLS server (the SFU answers
/// `a=setup:passive`); a subscribe transport takes the role the subscriber's answer leaves it
/// (`a=setup:active` in the answer makes the server the DTLS server, `passive` the client, which
/// starts the handshake once ICE has selected a pair).
///
/// Sans-IO, in the shape of the protocol machines it holds: feed each datagram to
/// `handleDatagram(_:from:via:now:)` and each expired deadline to `handleTimeout(now:)`; after
/// every call drain `pollTransmit(into:)` and `pollEvent()`, then arm a timer for `pollTimeout()`.
///
/// Demultiplexing (RFC 7983): STUN goes to the agent; DTLS, RTP and RTCP are accepted only from
/// a valid ICE pair that holds consent (RFC 8445 §12.2, RFC 7675; see
/// `ICELiteAgent.isValid(_:at:)`), and RTP/RTCP only once DTLS gave keys. When the peer
/// nominates a pair from a new address (a network change), ICE responses and DTLS go there from
/// then on; the old address is still taken until its own consent lapses.
///
/// When ICE fails (no nomination in time, or the selected pair lost consent) the transport
/// closes itself without sending anything more (RFC 7675 §5.1: no close_notify to a peer that
/// withdrew consent) and reports `closed`; its `iceState` stays `failed`. RTP and RTCP are
/// decrypted in the caller's buffer and counted per SSRC (`InboundStreamCounters`);
/// `handleDatagram` tells the caller what it decrypted (`PeerTransportInput`) so that it can
/// forward it, and `protectRTP`/`protectRTCP` encrypt what the caller sends on this transport.
///
/// Invariants: the DTLS endpoint exists once `apply` succeeded, and the SRTP session once DTLS
/// connected; after `close()` every input is ignored; no per-packet allocation on the RTP path
/// (the stream table allocates only when a new SSRC appears, up to `maximumStreams`).
public struct PeerTransport {
    /// Most inbound SSRCs one transport tracks; further ones are dropped and counted.
    public static let maximumStreams = 64

    public private(set) var ice: ICELiteAgent
    public private(set) var media: PublishedMedia?
    public internal(set) var counters = PeerTransportCounters()
    public internal(set) var streams: [InboundStreamCounters] = []
    public private(set) var srtpProfile: SRTPProfile?
    /// The DTLS cipher suite's IANA name, once connected.
    public private(set) var dtlsCipher: String?
    /// The negotiated DTLS version as on the wire (0xFEFD for DTLS 1.2), once connected.
    public private(set) var dtlsVersion: UInt16?
    /// The candidates the publisher's SDP listed (to tell its host candidates from the
    /// peer-reflexive ones its checks reveal).
    public private(set) var remoteCandidates: [Candidate] = []
    /// Datagrams and bytes per valid candidate pair (at most the agent's pair table size).
    public internal(set) var pairCounters: [CandidatePairCounters] = []
    public private(set) var dtlsFailure: String?
    public private(set) var isClosed = false

    private let dtlsContext: DTLSContext
    private var dtls: DTLSEndpoint?
    var srtp: SRTPSession?
    var streamIndex: [SSRC: Int] = [:]
    /// Where the latest DTLS datagram came from: the handshake answers there until a pair is
    /// nominated (the peer may start DTLS right after its first valid check).
    private var dtlsPeer: ICECandidatePair?
    private var events: [PeerTransportEvent] = []

    /// A transport answering checks for `localCredentials`, created at `now`.
    public init(localCredentials: ICECredentials, dtlsContext: DTLSContext, now: Timestamp) {
        ice = ICELiteAgent(localCredentials: localCredentials, now: now)
        self.dtlsContext = dtlsContext
        streams.reserveCapacity(8)
        events.reserveCapacity(8)
        pairCounters.reserveCapacity(ice.configuration.maximumCandidatePairs)
    }

    /// The W3C DTLS transport state.
    public var dtlsState: DTLSTransportState {
        guard let dtls else { return isClosed ? .closed : .new }
        switch dtls.state {
        case .idle: return .new
        case .handshaking: return .connecting
        case .connected: return .connected
        case .closed: return .closed
        case .failed: return .failed
        }
    }

    /// Takes the peer's ICE credentials and fingerprints and what it sends. The first call
    /// makes the DTLS endpoint in `dtlsRole`; later ones (renegotiation) only replace the media
    /// (the role of a running endpoint never changes).
    public mutating func apply(
        remote: RemoteTransportParameters, media: PublishedMedia, dtlsRole: DTLSRole = .server, now: Timestamp
    ) throws(PeerTransportError) {
        guard !isClosed else { throw .closed }
        let credentials: ICECredentials
        do {
            credentials = try ICECredentials(usernameFragment: remote.iceUfrag, password: remote.icePwd)
        } catch {
            throw .invalidRemoteCredentials(error.description)
        }
        if dtls == nil {
            let fingerprints = remote.fingerprints.compactMap { try? DTLSFingerprint(sdpValue: "\($0.algorithm) \($0.hexValue)") }
            do {
                dtls = try DTLSEndpoint(context: dtlsContext, role: dtlsRole, remoteFingerprints: fingerprints)
            } catch {
                throw .dtls(error.description)
            }
        }
        ice.setRemoteCredentials(credentials)
        remoteCandidates = remote.candidates
        if let previous = self.media { keepStreams(from: previous, in: media) }
        self.media = media
        startClientHandshake(now: now)
    }

    /// A DTLS client starts its handshake once ICE has a selected pair to send it on.
    private mutating func startClientHandshake(now: Timestamp) {
        guard let dtls, dtls.role == .client, dtls.state == .idle, ice.selectedPair != nil else { return }
        dtls.start(now: UInt64(clamping: now.nanoseconds))
        collectDTLSEvents()
    }

    /// After a renegotiation, keeps the counters of streams whose section (by mid) is still
    /// accepted, pointing them at its new index; the others are forgotten.
    private mutating func keepStreams(from previous: PublishedMedia, in media: PublishedMedia) {
        streams = streams.compactMap { stream in
            let mid = previous.sections[stream.section].mid
            return media.sections.firstIndex { $0.mid == mid }.map { stream.moved(toSection: $0) }
        }
        streamIndex.removeAll(keepingCapacity: true)
        for (index, stream) in streams.enumerated() { streamIndex[stream.ssrc] = index }
    }

    // MARK: Input

    /// Handles one datagram received from `source` on socket `socketIndex`. `bytes` is the
    /// datagram, decrypted in place when it is SRTP; the result says what the caller may
    /// forward from it.
    @discardableResult
    public mutating func handleDatagram(
        _ bytes: UnsafeMutableRawBufferPointer, from source: STUNTransportAddress, via socketIndex: Int, now: Timestamp
    ) -> PeerTransportInput {
        guard !isClosed else { return .consumed }
        counters.datagramsReceived &+= 1
        counters.bytesReceived &+= UInt64(bytes.count)
        let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: UInt8(truncatingIfNeeded: socketIndex)), remote: source)
        let byteCount = bytes.count
        switch PacketClass(classifying: UnsafeRawBufferPointer(bytes)) {
        case .stun:
            counters.stunReceived &+= 1
            _ = ice.handleSTUN(UnsafeRawBufferPointer(bytes), from: source, on: pair.localInterface, now: now)
            countReceived(on: pair, byteCount: byteCount, now: now)
            collectICEEvents(now: now)
            return .consumed
        case .dtls:
            guard ice.isValid(pair, at: now), let dtls else {
                counters.droppedUnverifiedSource &+= 1
                return .consumed
            }
            counters.dtlsReceived &+= 1
            countReceived(on: pair, byteCount: byteCount, now: now)
            dtlsPeer = pair
            dtls.handleDatagram(UnsafeRawBufferPointer(bytes), now: UInt64(clamping: now.nanoseconds))
            collectDTLSEvents()
            return .consumed
        case .rtp:
            guard ice.isValid(pair, at: now) else {
                counters.droppedUnverifiedSource &+= 1
                return .consumed
            }
            countReceived(on: pair, byteCount: byteCount, now: now)
            return receiveRTP(bytes, now: now)
        case .rtcp:
            guard ice.isValid(pair, at: now) else {
                counters.droppedUnverifiedSource &+= 1
                return .consumed
            }
            countReceived(on: pair, byteCount: byteCount, now: now)
            return receiveRTCP(bytes, now: now)
        case .zrtp, .turnChannel, .unknown:
            counters.droppedUnclassified &+= 1
            return .consumed
        }
    }

    /// Runs the agent's and the DTLS endpoint's expired timers.
    public mutating func handleTimeout(now: Timestamp) {
        guard !isClosed else { return }
        ice.handleTimeout(now: now)
        collectICEEvents(now: now)
        if let dtls {
            dtls.handleTimeout(now: UInt64(clamping: now.nanoseconds))
            collectDTLSEvents()
        }
    }

    /// Sends one SCTP packet to the peer as a DTLS application-data record (queued for
    /// `pollTransmit`). False, counted in `applicationDataUnsent`, when DTLS is not connected,
    /// the transport is closed, or the packet does not fit one record.
    @discardableResult
    public mutating func sendApplicationData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !isClosed, let dtls else {
            counters.applicationDataUnsent &+= 1
            return false
        }
        do {
            try dtls.send(applicationData: bytes)
        } catch {
            counters.applicationDataUnsent &+= 1
            collectDTLSEvents()
            return false
        }
        counters.applicationDataSent &+= 1
        return true
    }

    /// Closes the transport: the agent stops, DTLS queues close_notify (sent by the next
    /// `pollTransmit`), and all later input is ignored.
    public mutating func close() {
        guard !isClosed else { return }
        ice.close()
        dtls?.close()
        isClosed = true
        events.append(.closed)
    }

    /// Closes the transport after ICE failed: DTLS stops without close_notify (the peer gave
    /// no consent to send it anything), and `closed` is reported.
    private mutating func closeAfterICEFailure() {
        guard !isClosed else { return }
        if let dtls {
            dtls.close()
            while dtls.pollTransmit() != nil {}
        }
        isClosed = true
        events.append(.closed)
    }

    // MARK: Output

    /// Writes the next datagram to send into `buffer`: ICE responses first, then DTLS flights.
    public mutating func pollTransmit(into buffer: UnsafeMutableRawBufferPointer) -> PeerTransmit? {
        if let response = ice.pollTransmit(into: buffer) {
            return sent(PeerTransmit(destination: response.destination, socketIndex: Int(response.localInterface.rawValue),
                                     byteCount: response.byteCount))
        }
        while let dtls, let datagram = dtls.pollTransmit() {
            guard let pair = ice.selectedPair ?? dtlsPeer, datagram.count <= buffer.count else {
                counters.dtlsUnsent &+= 1
                continue
            }
            datagram.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[..<datagram.count]).copyMemory(from: $0) }
            return sent(PeerTransmit(destination: pair.remote, socketIndex: Int(pair.localInterface.rawValue), byteCount: datagram.count))
        }
        return nil
    }

    /// The oldest event not yet taken, or nil.
    public mutating func pollEvent() -> PeerTransportEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// The earliest deadline of the agent and the DTLS endpoint, or nil when neither has one.
    public func pollTimeout() -> Timestamp? {
        guard !isClosed else { return nil }
        let dtlsDeadline = dtls?.pollTimeout().map { Timestamp(nanoseconds: Int64(clamping: $0)) }
        switch (ice.pollTimeout(), dtlsDeadline) {
        case (let a?, let b?): return min(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return nil
        }
    }

    // MARK: Internals

    mutating func sent(_ transmit: PeerTransmit) -> PeerTransmit {
        counters.datagramsSent &+= 1
        counters.bytesSent &+= UInt64(transmit.byteCount)
        countSent(transmit)
        return transmit
    }

    private mutating func collectICEEvents(now: Timestamp) {
        while let event = ice.pollEvent() {
            switch event {
            case .stateChanged(let state):
                events.append(.iceStateChanged(state))
                if state == .failed { closeAfterICEFailure() }
            case .selectedPairChanged(let pair):
                events.append(.selectedPairChanged(pair))
                startClientHandshake(now: now)
            case .consentExpired, .connectTimedOut: break  // Followed by stateChanged(.failed).
            }
        }
    }

    private mutating func collectDTLSEvents() {
        guard let dtls else { return }
        while let event = dtls.pollEvent() {
            switch event {
            case .connected(let keyingMaterial, _):
                do {
                    srtp = try SRTPSession(keyingMaterial: keyingMaterial)
                    srtpProfile = keyingMaterial.profile
                    dtlsCipher = dtls.cipherSuite
                    dtlsVersion = dtls.protocolVersion
                    events.append(.dtlsConnected(srtpProfile: keyingMaterial.profile, dtlsCipher: dtls.cipherSuite ?? "unknown"))
                } catch {
                    dtlsFailure = "SRTP session: \(error)"
                    events.append(.dtlsFailed("SRTP session: \(error)"))
                }
            case .applicationData(let bytes):
                counters.applicationDataReceived &+= 1
                events.append(.applicationData(bytes))
            case .closed:
                break  // dtlsState reports it.
            case .failed(let error):
                dtlsFailure = error.description
                events.append(.dtlsFailed(error.description))
            }
        }
    }
}
