import MediaContract
import DTLS
import Glibc
import Logging
public import MediaServer
import RTCWire
import SDP
import SFUCore
import SRTP
import Worker

/// A real `WorkerPool` (one worker, 127.0.0.1, a free UDP port) with one publish transport and
/// K subscribe transports opened through the pool's API, and the peers played by the harness
/// over loopback UDP: ICE (a nominating Binding request), a DTLS client handshake with the
/// project's `DTLSEndpoint`, SRTP sessions from the exported keys. `publisher` then sends VP8
/// over SRTP and `sinks` receive the K forwarded copies.
///
/// The publisher's offer goes through `PublishAnswerer`; each subscriber answers the server's
/// `SubscribeOffer` and its answer goes through `SubscribeAnswerReader`, as the control plane
/// does; the consumers are the `Subscription` the control plane would hand the pool.
///
/// Invariants: after `start` every peer's ICE and DTLS are connected; after `prime` every
/// sink has received and decrypted at least one forwarded packet, so every consumer has
/// anchored on a key frame; `publisher` and `sinks` are each used by one thread at a time.
public final class FanoutHarness: @unchecked Sendable {
    public let options: FanoutOptions
    public let pool: WorkerPool
    /// The worker's UDP port on 127.0.0.1.
    public let serverPort: UInt16
    public let publisher: PublisherStream
    public let sinks: SinkSet
    /// The worker thread's name (its `comm`), to find it in /proc.
    public static let workerThreadName = "media-0"
    static let room = "fanout"
    /// The publish transport's key.
    public static let publisherKey = TransportKey(room: room, participant: "publisher", role: .publish)
    /// Kept for the life of the run: the DTLS associations the SRTP keys came from.
    private let peers: [ClientPeer]

    private init(options: FanoutOptions, pool: WorkerPool, serverPort: UInt16, publisherPeer: ClientPeer, subscriberPeers: [ClientPeer]) {
        self.options = options
        self.pool = pool
        self.serverPort = serverPort
        peers = [publisherPeer] + subscriberPeers
        publisher = PublisherStream(
            socket: publisherPeer.socket, session: publisherPeer.srtp!, server: publisherPeer.server, payloadLength: options.payloadLength)
        sinks = SinkSet(
            sockets: subscriberPeers.map(\.socket), sessions: subscriberPeers.map { $0.srtp! }, payloadLength: options.payloadLength,
            verifyEvery: options.verifyEvery)
    }

    /// Starts the pool, opens and connects every transport.
    public static func start(_ options: FanoutOptions, timeoutNanoseconds: Int64 = 20_000_000_000) async throws(HarnessError) -> FanoutHarness {
        let serverContext = try context(options.profile, name: "server")
        let clientContext = try context(options.profile, name: "peers")
        let (pool, port) = try startPool(serverContext)
        do throws(HarnessError) {
            let publisherPeer = try await openPublisher(pool, clientContext: clientContext)
            var subscriberPeers: [ClientPeer] = []
            for index in 0..<options.subscriberCount {
                subscriberPeers.append(try await openSubscriber(index, pool: pool, clientContext: clientContext))
            }
            try PeerHandshake.connect([publisherPeer] + subscriberPeers, timeoutNanoseconds: timeoutNanoseconds)
            return FanoutHarness(
                options: options, pool: pool, serverPort: port, publisherPeer: publisherPeer, subscriberPeers: subscriberPeers)
        } catch {
            pool.stop()
            throw error
        }
    }

    /// Sends one-packet key frames until every sink has received a forwarded packet and
    /// decrypted it, then `settleBursts` bursts of delta packets that every sink must receive
    /// in full. Afterwards the forwarding path is in its steady state.
    public func prime(settleBursts: Int = 4, burst: Int = 8, timeoutNanoseconds: Int64 = 10_000_000_000) throws(HarnessError) {
        let deadline = MonotonicClock.now() + timeoutNanoseconds
        while (0..<sinks.count).contains(where: { sinks.sinkVerified($0) == 0 }) {
            guard MonotonicClock.now() < deadline else {
                let waiting = (0..<sinks.count).filter { sinks.sinkVerified($0) == 0 }
                throw .timedOut("\(waiting.count) of \(sinks.count) sinks never got a key frame (first: sink \(waiting[0]))"
                    + (sinks.firstProblem.map { "; \($0)" } ?? ""))
            }
            publisher.sendKeyFrame()
            let until = MonotonicClock.now() + 20_000_000
            while MonotonicClock.now() < until { sinks.receive(timeoutMilliseconds: 5) }
        }
        for _ in 0..<settleBursts {
            try forward(burst: burst, timeoutNanoseconds: max(deadline - MonotonicClock.now(), 1))
        }
        if let problem = sinks.firstProblem { throw .verification(problem) }
    }

    /// Sends `burst` packets and waits until every sink received its copy of each.
    public func forward(burst: Int, timeoutNanoseconds: Int64 = 2_000_000_000) throws(HarnessError) {
        let target = sinks.received + burst * sinks.count
        publisher.sendBurst(burst)
        guard sinks.receive(until: target, timeoutNanoseconds: timeoutNanoseconds) else {
            throw .timedOut("the sinks got \(sinks.received - target + burst * sinks.count) of \(burst * sinks.count) packets")
        }
    }

    /// Stops the worker (closes its transports) and releases the peers.
    public func stop() {
        pool.stop()
    }

    // MARK: Set-up steps

    private static func context(_ profile: SRTPProfile, name: String) throws(HarnessError) -> DTLSContext {
        do {
            return try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned(commonName: name), srtpProfiles: [profile]))
        } catch {
            throw .setup("DTLS context (\(name)): \(error)")
        }
    }

    /// One worker on a port the kernel just had free (retried if another process takes it).
    private static func startPool(_ context: DTLSContext) throws(HarnessError) -> (WorkerPool, UInt16) {
        let logger = Logger(label: "fanout-harness", factory: { _ in SwiftLogNoOpLogHandler() })
        var lastError = ""
        for _ in 0..<5 {
            let port: UInt16
            do {
                let probe = try UDPSocket(bindingTo: .ipv4(address: 0x7F00_0001, port: 0))
                port = probe.localAddress.port
                probe.close()
            } catch {
                throw .setup("finding a free UDP port: \(error)")
            }
            do {
                let pool = try WorkerPool(
                    workerCount: 1, udpBasePort: Int(port), listenIPs: ["127.0.0.1"], announcedIPs: [], dtlsContext: context, logger: logger)
                return (pool, port)
            } catch {
                lastError = "\(error)"
            }
        }
        throw .setup("starting the worker pool: \(lastError)")
    }

    private static func openPublisher(_ pool: WorkerPool, clientContext: DTLSContext) async throws(HarnessError) -> ClientPeer {
        let key = publisherKey
        let local = try await open(key, pool)
        let peer = try ClientPeer(name: "pub0", context: clientContext, local: local, socketConfiguration: UDPSocketConfiguration())
        let offerText = PeerSDP.publishOffer(peer: peer, fingerprint: clientContext.localFingerprint, ssrc: FanoutOptions.publisherSSRC)
        let offer = try parse(offerText, "the publisher's offer")
        let answer: PublishAnswer
        switch PublishAnswerer.answer(offer: offer, local: local) {
        case .success(let value): answer = value
        case .failure(let reason): throw .setup("answering the publisher's offer: \(reason)")
        }
        do {
            try await pool.apply(key, remote: answer.remoteTransport, media: PublishedMedia(answer: answer))
        } catch {
            throw .setup("applying the publisher's offer: \(error)")
        }
        return peer
    }

    private static func openSubscriber(_ index: Int, pool: WorkerPool, clientContext: DTLSContext) async throws(HarnessError) -> ClientPeer {
        let key = TransportKey(room: room, participant: "subscriber\(index)", role: .subscribe)
        let local = try await open(key, pool)
        // Sinks only receive: a small send buffer, a receive buffer for bursts.
        let configuration = UDPSocketConfiguration(receiveBufferBytes: 2 << 20, sendBufferBytes: 64 << 10)
        let peer = try ClientPeer(name: "sub\(index)x", context: clientContext, local: local, socketConfiguration: configuration)
        let ssrc = FanoutOptions.subscriberSSRC(index)
        guard let section = PeerSDP.subscribeSection(ssrc: ssrc), let mid = Mid("0"),
              let payloadType = PayloadType(rawValue: VP8Packet.payloadType)
        else { throw .setup("the subscribe section") }
        let offer = SubscribeOffer(sections: [section], local: local)
        let answerText = PeerSDP.subscribeAnswer(peer: peer, fingerprint: clientContext.localFingerprint)
        let parsed = try parse(answerText, "subscriber \(index)'s answer")
        let answer: SubscribeAnswer
        switch SubscribeAnswerReader.read(answer: parsed, offer: offer.sessionDescription) {
        case .success(let value): answer = value
        case .failure(let reason): throw .setup("reading subscriber \(index)'s answer: \(reason)")
        }
        let track = SubscribedTrack(
            publisher: "publisher", publisherMid: mid, kind: .video, mid: mid, ssrc: SSRC(ssrc), rtxSSRC: nil,
            payloadTypes: [PayloadTypeMapping(publisher: payloadType, subscriber: payloadType, encodingName: "VP8", clockRate: VP8Packet.clockRate)],
            extensionIDs: [:], paused: false)
        let subscription = Subscription(
            remote: answer.remoteTransport, serverIsDTLSClient: answer.remoteTransport.setup == .passive, consumers: [track])
        do {
            try await pool.subscribe(key, subscription)
        } catch {
            throw .setup("subscribing \(key): \(error)")
        }
        return peer
    }

    private static func parse(_ text: String, _ what: String) throws(HarnessError) -> SessionDescription {
        switch SDPParser.parse(text) {
        case .success(let description): return description
        case .failure(let error): throw .setup("parsing \(what): \(error)")
        }
    }

    private static func open(_ key: TransportKey, _ pool: WorkerPool) async throws(HarnessError) -> LocalTransportParameters {
        do {
            return try await pool.open(key)
        } catch {
            throw .setup("opening \(key): \(error)")
        }
    }
}
