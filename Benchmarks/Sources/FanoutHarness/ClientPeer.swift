import DTLS
import Glibc
import RTCWire
import SDP
import SRTP
import Worker

/// One peer the harness plays against a server transport, as a browser would: a UDP socket on
/// 127.0.0.1, its own ICE credentials, a full ICE agent in the controlling role (it sends the
/// one nominating Binding request the server's ICE-lite agent waits for), a DTLS client endpoint
/// checking the server's SDP fingerprint, and once DTLS connected an SRTP session keyed from
/// the exported keying material.
///
/// Invariants: `srtp` is set exactly when the DTLS endpoint reported `.connected`; the socket is
/// used by one thread at a time (set-up, then the thread the harness hands it to).
final class ClientPeer {
    let socket: UDPSocket
    let usernameFragment: String
    let password: String
    let dtls: DTLSEndpoint
    /// Where the server's transport listens (its first host candidate).
    let server: STUNTransportAddress
    private let serverUsernameFragment: String
    private let serverPassword: String
    private(set) var iceConnected = false
    private(set) var srtp: SRTPSession?
    private(set) var failure: String?
    private var lastCheckSent: Int64 = 0
    private var checkCount: UInt64 = 0

    /// A peer for the server transport described by `local`, with DTLS identity `context`.
    init(name: String, context: DTLSContext, local: LocalTransportParameters, socketConfiguration: UDPSocketConfiguration) throws(HarnessError) {
        guard let candidate = local.candidates.first,
              let server = STUNTransportAddress(numericHost: candidate.address, port: candidate.port)
        else { throw .setup("the server transport announced no usable host candidate: \(local.candidates)") }
        self.server = server
        serverUsernameFragment = local.iceUfrag
        serverPassword = local.icePwd
        usernameFragment = name
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        password = String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        do {
            socket = try UDPSocket(bindingTo: .ipv4(address: 0x7F00_0001, port: 0), configuration: socketConfiguration)
        } catch {
            throw .setup("peer \(name): socket: \(error)")
        }
        do {
            let fingerprint = try DTLSFingerprint(sdpValue: "\(local.fingerprint.algorithm) \(local.fingerprint.hexValue)")
            dtls = try DTLSEndpoint(context: context, role: .client, remoteFingerprints: [fingerprint])
        } catch {
            throw .setup("peer \(name): DTLS endpoint: \(error)")
        }
    }

    /// True once DTLS connected and SRTP keys exist.
    var isConnected: Bool { srtp != nil }

    /// Sends a Binding request that nominates the pair (USE-CANDIDATE), as the controlling agent,
    /// with MESSAGE-INTEGRITY keyed by the server's password and a FINGERPRINT; again only after
    /// `retryNanoseconds` without an answer.
    func sendCheckIfDue(now: Int64, retryNanoseconds: Int64 = 100_000_000) {
        guard !iceConnected, lastCheckSent == 0 || now - lastCheckSent >= retryNanoseconds else { return }
        lastCheckSent = now
        checkCount += 1
        let username = Array("\(serverUsernameFragment):\(usernameFragment)".utf8)
        let key = STUNIntegrityKey(Array(serverPassword.utf8))
        let transaction = STUNTransactionID(high: 0x4641_4E4F, low: checkCount)
        withUnsafeTemporaryAllocation(byteCount: 512, alignment: 8) { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: transaction)
            username.withUnsafeBytes { builder.appendUsername($0) }
            builder.appendPriority(0x6E00_1EFF)
            builder.appendICEControlling(tieBreaker: 0x4641_4E4F_5554_0001)
            builder.appendUseCandidate()
            builder.appendMessageIntegrity(key: key)
            builder.appendFingerprint()
            guard case .success(let count) = builder.finish() else {
                failure = "could not build the Binding request"
                return
            }
            send(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Takes one datagram from the server: a Binding success response (integrity checked with
    /// the server's password) connects ICE, DTLS records go to the endpoint, the rest is media
    /// or feedback and is left to the caller.
    func handle(_ bytes: UnsafeRawBufferPointer, now: Int64) {
        guard let first = bytes.first else { return }
        switch first {
        case 0...3:
            guard case .success(let message) = STUNMessage.parse(bytes), message.messageType == .bindingSuccessResponse else { return }
            if case .valid = message.verifyIntegrity(key: STUNIntegrityKey(Array(serverPassword.utf8))) { iceConnected = true }
        case 20...63:
            dtls.handleDatagram(bytes, now: UInt64(now))
        default:
            break
        }
    }

    /// Starts the DTLS handshake (the client sends the first flight).
    func startDTLS(now: Int64) {
        dtls.start(now: UInt64(now))
        pump(now: now)
    }

    /// Runs DTLS timers, sends what the endpoint queued and reads its events.
    func pump(now: Int64) {
        if let deadline = dtls.pollTimeout(), UInt64(now) >= deadline { dtls.handleTimeout(now: UInt64(now)) }
        while let datagram = dtls.pollTransmit() {
            datagram.withUnsafeBytes { send($0) }
        }
        while let event = dtls.pollEvent() {
            switch event {
            case .connected(let keyingMaterial, _):
                do {
                    srtp = try SRTPSession(keyingMaterial: keyingMaterial)
                } catch {
                    failure = "SRTP session: \(error)"
                }
            case .failed(let error):
                failure = "DTLS failed: \(error)"
            case .closed:
                failure = "DTLS closed by the server"
            case .applicationData:
                break
            }
        }
    }

    /// Sends one datagram to the server now.
    private func send(_ bytes: UnsafeRawBufferPointer) {
        guard socket.stage(bytes, to: server) else { return }
        let report = socket.flush()
        if report.sent == 0 { failure = "send to \(server) failed (errno \(report.lastErrno))" }
    }
}
