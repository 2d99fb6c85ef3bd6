public import LoadModel
import DTLS
import ICE
import RTCWire
import SDP
import SRTP
import Synchronization
import Worker

/// The harness's simulated peers' transports, on the harness's own worker threads: each
/// transport has a UDP socket of its own (bound when the pool is made, so the server tells
/// transports apart by address), a controlling ICE agent, DTLS and SRTP (`ClientTransport`),
/// and sends or receives synthetic media with probes (`PeerSlot`).
///
/// Use: `openTransport` gives the description a peer's SDP carries; once the server's SDP is
/// read, `start` hands the transport to its worker, where ICE begins at once. `snapshot`
/// collects every worker's measurements (a command with a reply per worker) into one
/// `LoadSnapshot`; `stopSending` ends the publishers; `shutdown` closes everything.
///
/// Threads: every method may be called from any thread or task; the pool's book of sockets and
/// transports is under a mutex, the workers are reached through their command queues.
/// Transports opened with `dataChannel: true` all live on worker thread 0.
///
/// Invariants: transport numbers are 0, 1, 2… in opening order; a socket serves at most one
/// transport for the pool's life; after `shutdown` no transport opens or starts, and
/// `snapshot` returns the workers' last parts.
public final class LoadPeerPool: Sendable {
    public let configuration: LoadPeerPoolConfiguration
    private let workers: [WorkerThread<LoadPeerWorkerHandler>]
    private let dtlsContext: DTLSContext
    private let localFingerprint: Fingerprint
    private let state: Mutex<PoolState>

    /// The peers' first DTLS retransmission: 100 ms, as browsers' WebRTC stacks shorten
    /// OpenSSL's 1 s, so a flight the server dropped (a ClientHello that came before its ICE
    /// side took the pair, as Janus does) costs a join 100 ms, not a second.
    static let initialDTLSRetransmissionTimeout: UInt64 = 100_000_000

    /// Binds every socket, makes the DTLS certificate and context, and starts the threads.
    public init(configuration: LoadPeerPoolConfiguration) throws(LoadPeerError) {
        guard configuration.threads >= 1 else { throw .setup("threads must be at least 1, not \(configuration.threads)") }
        guard configuration.transportCapacity >= 0, configuration.dataChannelCapacity >= 0 else {
            throw .setup("transport capacities must not be negative")
        }
        self.configuration = configuration
        var profiles: [SRTPProfile] = []
        for name in configuration.srtpProfiles {
            guard let profile = SRTPProfileName.profile(named: name) else { throw .setup("unknown SRTP profile \"\(name)\"") }
            profiles.append(profile)
        }
        do {
            let certificate = try DTLSCertificate.selfSigned(commonName: "switchboard-load")
            dtlsContext = try DTLSContext(configuration: DTLSConfiguration(
                certificate: certificate, srtpProfiles: profiles, initialRetransmissionTimeout: Self.initialDTLSRetransmissionTimeout))
        } catch {
            throw .setup("DTLS: \(error.description)")
        }
        guard let fingerprint = Fingerprint(algorithm: .sha256, bytes: dtlsContext.localFingerprint.digest) else {
            throw .setup("the certificate's fingerprint is not a sha-256 digest")
        }
        localFingerprint = fingerprint
        let threads = configuration.threads
        let shares = (0..<threads).map { configuration.transportCapacity / threads + ($0 < configuration.transportCapacity % threads ? 1 : 0) }
        state = Mutex(PoolState(sharedSockets: shares, dataChannelSockets: configuration.dataChannelCapacity))
        var workers: [WorkerThread<LoadPeerWorkerHandler>] = []
        do {
            for thread in 0..<threads {
                let socketCount = shares[thread] + (thread == 0 ? configuration.dataChannelCapacity : 0)
                workers.append(try Self.startWorker(thread, socketCount: socketCount, configuration: configuration, dtlsContext: dtlsContext))
            }
        } catch {
            for worker in workers { worker.stop() }
            throw error
        }
        self.workers = workers
    }

    private static func startWorker(
        _ index: Int, socketCount: Int, configuration: LoadPeerPoolConfiguration, dtlsContext: DTLSContext
    ) throws(LoadPeerError) -> WorkerThread<LoadPeerWorkerHandler> {
        let socketConfiguration = UDPSocketConfiguration(
            receiveBufferBytes: 1 << 20, sendBufferBytes: 1 << 20, receiveBatchSize: 32, sendBatchSize: 32)
        var sockets: [UDPSocket] = []
        sockets.reserveCapacity(socketCount)
        let address = STUNTransportAddress.ipv4(address: configuration.bindIPv4, port: 0)
        do {
            for _ in 0..<socketCount {
                sockets.append(try UDPSocket(bindingTo: address, configuration: socketConfiguration))
            }
        } catch {
            for socket in sockets { socket.close() }
            throw .setup("UDP socket on \(address): \(error)")
        }
        var queueCapacity = 4096
        while queueCapacity < 2 * socketCount { queueCapacity *= 2 }
        let workerConfiguration = WorkerConfiguration(
            index: index, threadName: "load-\(index)", slotSize: 2048, slotCount: 8192, commandQueueCapacity: queueCapacity)
        let connectTimeout = configuration.connectTimeout
        do {
            return try WorkerThread(configuration: workerConfiguration, sockets: sockets) {
                LoadPeerWorkerHandler(socketCount: socketCount, dtlsContext: dtlsContext, connectTimeout: connectTimeout)
            }
        } catch {
            for socket in sockets { socket.close() }
            throw .setup("worker thread \(index): \(error)")
        }
    }

    /// Monotonic nanoseconds (`CLOCK_MONOTONIC`), the clock the workers and the probes use.
    public static func now() -> Int64 { MonotonicClock.now() }

    /// Takes a free socket for a new transport and makes its ICE credentials; returns its
    /// number and what the peer's SDP says about it.
    public func openTransport(dataChannel: Bool) throws(LoadPeerError) -> (number: Int, local: LocalTransportDescription) {
        var generator = SystemRandomNumberGenerator()
        let credentials = ICECredentials.random(using: &generator)
        let capacity = configuration.transportCapacity + configuration.dataChannelCapacity
        let opened = try state.withLock { state throws(LoadPeerError) -> (number: Int, thread: Int, socket: Int) in
            guard !state.isShutDown else { throw .shutDown }
            guard let (thread, socket) = state.takeSocket(dataChannel: dataChannel) else { throw .capacityExhausted(capacity) }
            state.transports.append(
                PoolState.Opened(thread: thread, socketIndex: socket, credentials: credentials, dataChannel: dataChannel))
            return (state.transports.count - 1, thread, socket)
        }
        let local = LocalTransportDescription(
            address: workers[opened.thread].localAddresses[opened.socket], credentials: credentials, fingerprint: localFingerprint)
        return (opened.number, local)
    }

    /// Starts transport `number` toward the server `remote` describes, doing what `plan` says
    /// once connected. Throws when the transport is unknown or started, the description is
    /// unusable, or the plan needs data channels (not available yet).
    public func start(_ number: Int, remote: RemoteTransportDescription, plan: TransportMediaPlan) throws(LoadPeerError) {
        do {
            _ = try ClientTransport.dtlsFingerprints(of: remote)
        } catch {
            throw .unusableRemote(transport: number, reason: error.description)
        }
        guard !remote.candidates.isEmpty else { throw .unusableRemote(transport: number, reason: "no candidate") }
        let startedAt = Self.now()
        let workers = self.workers
        try state.withLock { state throws(LoadPeerError) in
            guard !state.isShutDown else { throw .shutDown }
            guard state.transports.indices.contains(number) else { throw .unknownTransport(number) }
            let opened = state.transports[number]
            guard !opened.started else { throw .alreadyStarted(number) }
            guard opened.dataChannel || !Self.needsDataChannel(plan) else { throw .dataChannelsUnavailable(transport: number) }
            let command = TransportStart(
                number: number, socketIndex: opened.socketIndex, credentials: opened.credentials, remote: remote, plan: plan,
                startedAt: startedAt)
            guard workers[opened.thread].send(.start(command)) else { throw .workerUnavailable(transport: number) }
            state.transports[number].started = true
        }
    }

    private static func needsDataChannel(_ plan: TransportMediaPlan) -> Bool {
        switch plan {
        case .publish(let publish): publish.dataChannel != nil
        case .receive(let dataChannel): dataChannel
        }
    }

    /// Publishers stop sending; receivers keep counting. Returns once every worker stopped.
    public func stopSending() async {
        for worker in workers {
            _ = try? await worker.request { LoadPeerCommand.stopSending($0) }
        }
    }

    /// Closes every transport (close_notify goes out), keeps the workers' last measurements
    /// for `snapshot`, and stops the threads. Idempotent.
    public func shutdown() async {
        let isFirst = state.withLock { state in
            defer { state.isShutDown = true }
            return !state.isShutDown
        }
        guard isFirst else { return }
        var finalParts: [(part: LoadWorkerSnapshot, cpuSeconds: Double?)] = []
        for worker in workers {
            _ = try? await worker.request { LoadPeerCommand.shutDown($0) }
            let part = (try? await worker.request { LoadPeerCommand.snapshot($0) }) ?? Self.emptyPart
            finalParts.append((part, worker.threadID.flatMap { ProcessFigures.threadCPUSeconds(threadID: $0) }))
        }
        for worker in workers { worker.stop() }
        state.withLock { $0.finalParts = finalParts }
    }

    static var emptyPart: LoadWorkerSnapshot {
        LoadWorkerSnapshot(transports: [], traffic: TrafficCounters(), senders: [], receptions: [], dataReceptions: [],
                           mediaDelays: DelayHistogram(), dataDelays: DelayHistogram())
    }

    /// Every worker's measurements now, merged (after `shutdown`: as they were then).
    public func snapshot() async -> LoadSnapshot {
        let takenAt = Self.now()
        var parts: [(part: LoadWorkerSnapshot, cpuSeconds: Double?)]
        if let finalParts = state.withLock({ $0.finalParts }) {
            parts = finalParts
        } else {
            parts = []
            for worker in workers {
                let part = (try? await worker.request { LoadPeerCommand.snapshot($0) }) ?? Self.emptyPart
                parts.append((part, worker.threadID.flatMap { ProcessFigures.threadCPUSeconds(threadID: $0) }))
            }
        }
        let opened = state.withLock { $0.transports.count }
        return Self.merge(parts, takenAt: takenAt, openedTransports: opened)
    }

    /// One `LoadSnapshot` from the workers' parts; transports no worker reported (opened, not
    /// started) are `connecting`.
    static func merge(_ parts: [(part: LoadWorkerSnapshot, cpuSeconds: Double?)], takenAt: Int64, openedTransports: Int) -> LoadSnapshot {
        var progress: [TransportProgress?] = Array(repeating: nil, count: openedTransports)
        var traffic = TrafficCounters()
        var senders: [SenderRecord] = []
        var receptions: [ReceptionRecord] = []
        var dataReceptions: [ReceptionRecord] = []
        var delays = DelayHistogram()
        var dataDelays = DelayHistogram()
        var cpuSeconds: Double? = 0
        for (part, cpu) in parts {
            for transport in part.transports where progress.indices.contains(transport.transport) {
                progress[transport.transport] = transport
            }
            traffic.add(part.traffic)
            senders += part.senders
            receptions += part.receptions
            dataReceptions += part.dataReceptions
            delays.merge(part.mediaDelays)
            dataDelays.merge(part.dataDelays)
            cpuSeconds = cpu.flatMap { cpu in cpuSeconds.map { $0 + cpu } }
        }
        let transports = progress.enumerated().map { number, known in known ?? TransportProgress(transport: number, phase: .connecting) }
        return LoadSnapshot(
            takenAt: takenAt, transports: transports, traffic: traffic, senders: senders.sorted { $0.stream < $1.stream },
            receptions: receptions, dataReceptions: dataReceptions, mediaDelays: delays, dataDelays: dataDelays,
            workerCPUSeconds: parts.isEmpty ? nil : cpuSeconds)
    }
}
