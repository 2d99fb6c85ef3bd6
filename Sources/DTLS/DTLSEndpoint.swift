internal import COpenSSL
internal import CSwitchboardShims
import SRTP

/// One DTLS-SRTP association, sans-IO: OpenSSL runs over two memory BIOs; datagrams, time and
/// events go in and out through the calls below, never through a socket.
///
/// Drive it like every protocol machine here: `start(now:)` once, then feed each received
/// datagram to `handleDatagram(_:now:)` and call `handleTimeout(now:)` at the deadline; after
/// each call drain `pollTransmit()` and `pollEvent()` and re-arm the timer with `pollTimeout()`.
///
/// ## Time
/// `now` and deadlines are `UInt64` nanoseconds on the caller's monotonic clock. The one place
/// time is not injected: OpenSSL times DTLS retransmissions on its own (wall) clock and
/// retransmits in `handleTimeout` only when its timer has expired. `pollTimeout()` converts the
/// time OpenSSL says is left into a deadline on the caller's clock, relative to the latest
/// `now` given, so a caller that follows it retransmits on time.
///
/// ## Threads
/// Used by one thread at a time (the worker owning the transport). `@unchecked Sendable` only
/// so that a new endpoint can be handed to its worker; that handover must happen-before the
/// worker's first call.
///
/// Invariants: `ssl` (which owns both memory BIOs) lives from `init` to `deinit`; OpenSSL's
/// error queue is empty when each public call returns; keys are exported only after the peer's
/// certificate matched one of `remoteFingerprints`; `pollTransmit` never returns a datagram over
/// the configured MTU (OpenSSL fragments handshake messages to it and `send` refuses more than a
/// record can carry).
public final class DTLSEndpoint: @unchecked Sendable {
    /// Where the association stands.
    public enum State: Sendable, Equatable {
        /// Made, not started.
        case idle
        case handshaking
        /// Keys exported; application data flows.
        case connected
        /// close_notify sent or received.
        case closed
        case failed
    }

    /// The exporter label for DTLS-SRTP keys (RFC 5764 §4.2).
    static let srtpExporterLabel = "EXTRACTOR-dtls_srtp"
    /// The largest plaintext one DTLS record carries (RFC 6347 §4.1).
    static let maximumRecordPlaintext = 16_384

    public let role: DTLSRole
    /// The fingerprints from the peer's SDP; its certificate must match one of them.
    public let remoteFingerprints: [DTLSFingerprint]
    public private(set) var state: State = .idle

    private let context: DTLSContext
    private let ssl: OpaquePointer
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    private let callbacks: HandshakeCallbacks
    private var latestNow: UInt64 = 0
    private var transmitQueue = FIFO<[UInt8]>()
    private var events = FIFO<DTLSEvent>()

    /// An endpoint for one association.
    ///
    /// - Parameter remoteFingerprints: every `a=fingerprint` of the peer's SDP (session or media
    ///   level); at least one.
    public init(context: DTLSContext, role: DTLSRole, remoteFingerprints: [DTLSFingerprint]) throws(DTLSError) {
        guard !remoteFingerprints.isEmpty else {
            throw .invalidConfiguration("no remote fingerprint: the peer's SDP must give its certificate's")
        }
        let configuration = context.configuration
        let callbacks = HandshakeCallbacks(
            expected: remoteFingerprints,
            initialTimeoutMicroseconds: UInt32(configuration.initialRetransmissionTimeout / 1000))
        let (ssl, readBIO, writeBIO) = try Self.makeSSL(context, role: role, callbacks: callbacks)
        self.context = context
        self.role = role
        self.remoteFingerprints = remoteFingerprints
        self.callbacks = callbacks
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
    }

    deinit {
        SSL_free(ssl)
    }

    // MARK: - Input

    /// Begins the handshake: a client queues its ClientHello, a server waits for one. Does
    /// nothing after the first call.
    public func start(now: UInt64) {
        latestNow = now
        guard state == .idle else { return }
        state = .handshaking
        drive()
    }

    /// Processes one received datagram (DTLS records, RFC 7983 first byte 20...63). Invalid
    /// records are discarded by OpenSSL (RFC 6347 §4.1.2.7); a fatal handshake error fails the
    /// endpoint. Starts the handshake if `start` was not called. Ignored once closed or failed.
    public func handleDatagram(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        latestNow = now
        guard state != .closed, state != .failed, let base = bytes.baseAddress, !bytes.isEmpty,
              bytes.count <= Int(Int32.max)
        else { return }
        if state == .idle { state = .handshaking }
        OpenSSLErrorQueue.clear()
        guard BIO_write(readBIO, base, Int32(bytes.count)) == Int32(bytes.count) else {
            fail(.connectionFailed(reasons: OpenSSLErrorQueue.drain()))
            return
        }
        drive()
    }

    /// Retransmits the last flight if OpenSSL's retransmission timer has expired; fails the
    /// endpoint when OpenSSL gives up (after 12 timeouts without an answer).
    public func handleTimeout(now: UInt64) {
        latestNow = now
        guard state == .handshaking || state == .connected else { return }
        OpenSSLErrorQueue.clear()
        if CSwitchboardShims_DTLSv1_handle_timeout(ssl) < 0 {
            let reasons = OpenSSLErrorQueue.drain()
            fail(state == .handshaking ? .handshakeTimedOut(reasons: reasons) : .connectionFailed(reasons: reasons))
        }
        OpenSSLErrorQueue.clear()
    }

    /// Sends one record of application data (an SCTP packet), at most
    /// `maximumApplicationDataSize` bytes. Nothing is sent for an empty buffer. A fatal OpenSSL
    /// error also fails the endpoint (reported by `pollEvent` too).
    public func send(applicationData bytes: UnsafeRawBufferPointer) throws(DTLSError) {
        guard state == .connected, let limit = maximumApplicationDataSize else { throw .notConnected }
        guard bytes.count <= limit else { throw .applicationDataTooLarge(size: bytes.count, limit: limit) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        OpenSSLErrorQueue.clear()
        guard SSL_write(ssl, base, Int32(bytes.count)) == Int32(bytes.count) else {
            let error = DTLSError.connectionFailed(reasons: OpenSSLErrorQueue.drain())
            fail(error)
            throw error
        }
    }

    /// Queues close_notify when connected, and stops the endpoint in any state.
    public func close() {
        if state == .connected {
            OpenSSLErrorQueue.clear()
            SSL_shutdown(ssl)
            OpenSSLErrorQueue.clear()
        }
        if state != .failed { state = .closed }
    }

    // MARK: - Output

    /// The next datagram to send, at most the configured MTU, or nil when none is pending.
    /// Keeps returning queued datagrams (a final alert or close_notify) after close or failure.
    public func pollTransmit() -> [UInt8]? {
        if transmitQueue.isEmpty {
            for datagram in DTLSRecordSplitter.datagrams(readWrittenRecords(), mtu: context.configuration.mtu) {
                transmitQueue.push(datagram)
            }
        }
        return transmitQueue.pop()
    }

    /// The next event, or nil when none is pending.
    public func pollEvent() -> DTLSEvent? {
        events.pop()
    }

    /// When `handleTimeout` should next be called, in the caller's clock (the latest `now` plus
    /// the time OpenSSL's retransmission timer has left), or nil when no timer runs.
    public func pollTimeout() -> UInt64? {
        guard state == .handshaking || state == .connected else { return nil }
        let left = CSwitchboardShims_DTLSv1_get_timeout_us(ssl)
        guard left >= 0 else { return nil }
        let (deadline, overflow) = latestNow.addingReportingOverflow(UInt64(left) &* 1000)
        return overflow ? .max : deadline
    }

    /// The most application data one `send` takes (one record that fits the MTU with the
    /// negotiated cipher's overhead), or nil before the handshake completes.
    public var maximumApplicationDataSize: Int? {
        guard state == .connected else { return nil }
        let size = Int(DTLS_get_data_mtu(ssl))
        return size > 0 ? min(size, Self.maximumRecordPlaintext) : nil
    }

    /// The negotiated cipher suite's IANA name (e.g. `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256`,
    /// the name W3C webrtc-stats reports as `dtlsCipher`), or nil before one is agreed.
    public var cipherSuite: String? {
        guard let cipher = SSL_get_current_cipher(ssl), let name = SSL_CIPHER_standard_name(cipher) else { return nil }
        return String(cString: name)
    }

    /// The negotiated protocol version as it appears on the wire (0xFEFD for DTLS 1.2,
    /// RFC 6347 §4.1), or nil before the handshake agreed on a cipher suite.
    public var protocolVersion: UInt16? {
        guard SSL_get_current_cipher(ssl) != nil else { return nil }
        return UInt16(truncatingIfNeeded: SSL_version(ssl))
    }

    // MARK: - Driving OpenSSL

    private func drive() {
        if state == .handshaking {
            OpenSSLErrorQueue.clear()
            let result = SSL_do_handshake(ssl)
            guard result == 1 else {
                handshakeDidNotComplete(result)
                return
            }
            completeHandshake()
        }
        if state == .connected {
            readApplicationData()
        }
    }

    private func handshakeDidNotComplete(_ result: Int32) {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            OpenSSLErrorQueue.clear()
        default:
            let reasons = OpenSSLErrorQueue.drain()
            switch callbacks.outcome {
            case let .mismatched(actual): fail(.fingerprintMismatch(expected: remoteFingerprints, actual: actual))
            case let .failed(error): fail(error)
            case .matched, nil: fail(.handshakeFailed(reasons: reasons))
            }
        }
    }

    private func completeHandshake() {
        guard case let .matched(peerFingerprint) = callbacks.outcome else {
            fail(.handshakeFailed(reasons: ["the peer's certificate was never checked against its fingerprint"]))
            return
        }
        guard let selected = SSL_get_selected_srtp_profile(ssl),
              let id = UInt16(exactly: selected.pointee.id),
              let profile = SRTPProfile(dtlsProfileID: id),
              context.configuration.srtpProfiles.contains(profile)
        else {
            fail(.srtpNotNegotiated)
            return
        }
        var exported = [UInt8](repeating: 0, count: profile.keyingMaterialLength)
        let label = Self.srtpExporterLabel
        let exportedOK = SSL_export_keying_material(ssl, &exported, exported.count, label, label.utf8.count, nil, 0, 0)
        guard exportedOK == 1 else {
            fail(OpenSSLErrorQueue.failure("SSL_export_keying_material(\(label))"))
            return
        }
        let keyingMaterial: SRTPKeyingMaterial
        do {
            keyingMaterial = try SRTPKeyingMaterial(exported: exported, profile: profile, role: role.srtpRole)
        } catch {
            fail(.keyingMaterial(error.description))
            return
        }
        state = .connected
        events.push(.connected(keyingMaterial: keyingMaterial, peerFingerprint: peerFingerprint))
    }

    /// Reads every record OpenSSL has decrypted: application data, or the peer's close_notify.
    private func readApplicationData() {
        withUnsafeTemporaryAllocation(byteCount: Self.maximumRecordPlaintext, alignment: 1) { buffer in
            guard let base = buffer.baseAddress else { return }
            while state == .connected {
                OpenSSLErrorQueue.clear()
                let count = SSL_read(ssl, base, Int32(buffer.count))
                if count > 0 {
                    events.push(.applicationData(Array(UnsafeRawBufferPointer(start: base, count: Int(count)))))
                    continue
                }
                switch SSL_get_error(ssl, count) {
                case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                    OpenSSLErrorQueue.clear()
                    return
                case SSL_ERROR_ZERO_RETURN:
                    // The peer's close_notify: answer with ours (RFC 5246 §7.2.1).
                    SSL_shutdown(ssl)
                    OpenSSLErrorQueue.clear()
                    state = .closed
                    events.push(.closed)
                default:
                    fail(.connectionFailed(reasons: OpenSSLErrorQueue.drain()))
                }
            }
        }
    }

    private func readWrittenRecords() -> [UInt8] {
        let pending = BIO_ctrl_pending(writeBIO)
        guard pending > 0, pending <= Int(Int32.max) else { return [] }
        return [UInt8](unsafeUninitializedCapacity: pending) { buffer, initialized in
            let read = BIO_read(writeBIO, buffer.baseAddress, Int32(pending))
            initialized = max(0, Int(read))
        }
    }

    private func fail(_ error: DTLSError) {
        OpenSSLErrorQueue.clear()
        guard state != .failed, state != .closed else { return }
        state = .failed
        events.push(.failed(error))
    }

    // MARK: - Creation

    /// A new `SSL` for `role`, reading and writing memory BIOs, with the MTU and callbacks set.
    private static func makeSSL(
        _ context: DTLSContext,
        role: DTLSRole,
        callbacks: HandshakeCallbacks
    ) throws(DTLSError) -> (ssl: OpaquePointer, read: OpaquePointer, write: OpaquePointer) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.handle) else { throw OpenSSLErrorQueue.failure("SSL_new") }
        guard let readBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLErrorQueue.failure("BIO_new(BIO_s_mem)")
        }
        guard let writeBIO = BIO_new(BIO_s_mem()) else {
            BIO_free(readBIO)
            SSL_free(ssl)
            throw OpenSSLErrorQueue.failure("BIO_new(BIO_s_mem)")
        }
        // An empty memory BIO reads as "retry later", not end of file.
        CSwitchboardShims_BIO_set_mem_eof_return(readBIO, -1)
        CSwitchboardShims_BIO_set_mem_eof_return(writeBIO, -1)
        SSL_set_bio(ssl, readBIO, writeBIO)  // The SSL owns both BIOs from here.
        switch role {
        case .client: SSL_set_connect_state(ssl)
        case .server: SSL_set_accept_state(ssl)
        }
        let mtu = context.configuration.mtu
        guard CSwitchboardShims_SSL_set_mtu(ssl, mtu) != 0, CSwitchboardShims_DTLS_set_link_mtu(ssl, mtu) == 1 else {
            SSL_free(ssl)
            throw OpenSSLErrorQueue.failure("SSL_set_mtu/DTLS_set_link_mtu(\(mtu))")
        }
        guard callbacks.attach(to: ssl) else {
            SSL_free(ssl)
            throw OpenSSLErrorQueue.failure("SSL_set_ex_data")
        }
        DTLS_set_timer_cb(ssl, HandshakeCallbacks.timerCallback)
        return (ssl, readBIO, writeBIO)
    }
}
