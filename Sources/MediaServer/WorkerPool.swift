public import MediaContract
public import DTLS
import RTCWire
import ICE
public import Logging
public import SDP
public import SFUCore
import ServerConfig
import Synchronization
import Worker

/// The media workers: N threads, each with one UDP socket per listen address on port
/// `udp.port + k`, all sharing one DTLS context (the process's one certificate). Transports
/// are placed on the least-loaded worker and live their whole life there; the pool only keeps
/// the directory (which worker has which transport, and the parameters it answered with).
/// One more thread, the data-channel thread, owns the process's usrsctp and relays data
/// channels; it is the last node of the `WorkerMesh` that joins the workers, and a transport
/// that negotiated a data section gets an association number there (`WorkerPool+DataChannels`).
///
/// A transport that closes itself (ICE failed: no nomination, or consent lost) is reported by
/// its worker: the pool moves it from the registry to `ended`, with its last snapshot and local
/// candidates, so its stats still say how it ended until the owner closes it (or opens the key
/// again). A worker also reports each transport whose ICE and DTLS connected: the pool marks it
/// connected and remembers the key in `connectedOnce`, so that once it is gone (ended, or closed
/// without forgetting history) its state reads `disconnected`.
///
/// Invariants: `registry` names exactly the transports opened and not yet closed through the
/// pool nor ended on their own; `loads[k]` is the number of them on worker k; a key is in at
/// most one of `registry` and `ended`; a registration is `isConnected` only if its key is in
/// `connectedOnce`; every call is safe from any task.
public final class WorkerPool: Sendable {
    /// What the pool remembers of an open transport.
    struct Registration: Sendable {
        let worker: Int
        var local: LocalTransportParameters
        var isConnected = false
        /// The transport's SCTP association on the data-channel thread, once it negotiated
        /// data channels.
        var dataAssociation: UInt64?
    }

    struct Directory: Sendable {
        var registry: [TransportKey: Registration] = [:]
        var forwarding = ForwardingDirectory()
        var ended: [TransportKey: TransportReport] = [:]
        var connectedOnce: Set<TransportKey> = []
        var loads: [Int]
        /// The last association number given out (they are never reused).
        var lastAssociation: UInt64 = 0

        /// Marks the open transport `key` on `worker` connected; false when it is not open there.
        mutating func connect(_ key: TransportKey, worker: Int) -> Bool {
            guard registry[key]?.worker == worker else { return false }
            registry[key]?.isConnected = true
            connectedOnce.insert(key)
            return true
        }

        /// The state of `key`: open (connecting or connected), gone after connecting, ended
        /// without connecting, or nil when the pool knows nothing of it.
        func state(of key: TransportKey) -> TransportConnectionState? {
            if let registration = registry[key] { return registration.isConnected ? .connected : .connecting }
            if connectedOnce.contains(key) { return .disconnected }
            return ended[key] == nil ? nil : .failed
        }

        /// Moves `key` from the registry to `ended` with its last snapshot; returns what it
        /// was (whether it had connected, its association), or nil when it was not open.
        mutating func end(_ key: TransportKey, snapshot: PeerTransportSnapshot) -> Registration? {
            guard let registration = registry.removeValue(forKey: key) else { return nil }
            loads[registration.worker] -= 1
            ended[key] = TransportReport(snapshot: snapshot, localCandidates: registration.local.candidates)
            return registration
        }
    }

    /// The directory, shared with the workers' handlers (which report ended transports), and
    /// the control plane's listener for state changes.
    final class SharedDirectory: Sendable {
        let state: Mutex<Directory>
        let stateListener = Mutex<(@Sendable (TransportStateChange) -> Void)?>(nil)
        init(workerCount: Int) { state = Mutex(Directory(loads: Array(repeating: 0, count: workerCount))) }

        /// Tells the listener that `key` is now in `state` (with its selected pair's remote
        /// address when known).
        func report(_ key: TransportKey, _ state: TransportStateChange.State, remoteAddress: STUNTransportAddress? = nil) {
            let role: TransportRole = key.role == .publish ? .publish : .subscribe
            stateListener.withLock { $0 }?(TransportStateChange(
                room: key.room, participant: key.participant, role: role, state: state, remoteAddress: remoteAddress))
        }
    }

    public let dtlsContext: DTLSContext
    let workers: [WorkerThread<MediaWorkerHandler>]
    /// The thread that owns every SCTP association (usrsctp) and relays data channels.
    let dataChannels: WorkerThread<DataChannelHandler>
    private let candidates: [[HostCandidate]]
    private let localFingerprint: Fingerprint
    let directory: SharedDirectory

    /// Opens the sockets and starts the workers.
    public init(workerCount: Int, udpBasePort: Int, listenIPs: [String], announcedIPs: [String],
                dtlsContext: DTLSContext, logger: Logger) throws(MediaServerError) {
        guard let localFingerprint = Fingerprint(algorithm: .sha256, bytes: dtlsContext.localFingerprint.digest) else {
            throw .badCertificate("the DTLS context's fingerprint is not a sha-256 digest")
        }
        let directory = SharedDirectory(workerCount: workerCount)
        // The mesh joins the media workers (nodes 0..<workerCount) and the data-channel thread
        // (node workerCount).
        let dataChannelNode = workerCount
        let pools = (0..<workerCount).map { _ in
            BufferPool(slotSize: Self.slotSize, slotCount: Self.slotCount, holderCount: workerCount + 1)
        } + [BufferPool(slotSize: Self.slotSize, slotCount: Self.dataChannelSlotCount, holderCount: workerCount + 1)]
        let mesh: WorkerMesh
        let dataChannels: WorkerThread<DataChannelHandler>
        do {
            mesh = try WorkerMesh(pools: pools, ringCapacity: Self.meshRingCapacity)
            dataChannels = try WorkerThread(
                configuration: WorkerConfiguration(index: dataChannelNode, threadName: "datachannels"),
                sockets: [], pool: pools[dataChannelNode], wakeup: mesh.wakeup(of: dataChannelNode)
            ) { DataChannelHandler(mesh: mesh, logger: logger) }
        } catch {
            throw .socket("data-channel thread: \(error)")
        }
        let transportEnded: @Sendable (TransportKey, PeerTransportSnapshot) -> Void = { key, snapshot in
            guard let registration = directory.state.withLock({ $0.end(key, snapshot: snapshot) }) else { return }
            if let association = registration.dataAssociation { dataChannels.send(.detach(association)) }
            directory.report(key, registration.isConnected ? .disconnected : .failed, remoteAddress: snapshot.selectedPair?.remote)
        }
        var workers: [WorkerThread<MediaWorkerHandler>] = []
        var candidates: [[HostCandidate]] = []
        for index in 0..<workerCount {
            let transportConnected: @Sendable (TransportKey, STUNTransportAddress?) -> Void = { key, remote in
                if directory.state.withLock({ $0.connect(key, worker: index) }) {
                    directory.report(key, .connected, remoteAddress: remote)
                }
            }
            let port = UInt16(clamping: udpBasePort + index)
            let stopStarted = {
                workers.forEach { $0.stop() }
                dataChannels.stop()
            }
            var sockets: [UDPSocket] = []
            for ip in listenIPs {
                guard let address = STUNTransportAddress(numericHost: ip, port: port) else {
                    stopStarted()
                    throw .badAddress(ip)
                }
                do {
                    sockets.append(try UDPSocket(bindingTo: address, configuration: UDPSocketConfiguration(sendBatchSize: Self.sendBatchSize)))
                } catch {
                    stopStarted()
                    throw .socket("\(ip):\(port): \(error)")
                }
            }
            do {
                workers.append(try WorkerThread(configuration: WorkerConfiguration(index: index, threadName: "media-\(index)"),
                                                sockets: sockets, pool: pools[index], wakeup: mesh.wakeup(of: index)) {
                    MediaWorkerHandler(dtlsContext: dtlsContext, mesh: mesh, dataChannelNode: dataChannelNode, logger: logger,
                                       transportConnected: transportConnected, transportEnded: transportEnded)
                })
            } catch {
                stopStarted()
                throw .socket("worker \(index): \(error)")
            }
            candidates.append(HostCandidates.make(addresses: announcedIPs.isEmpty ? listenIPs : announcedIPs, port: port))
        }
        self.dtlsContext = dtlsContext
        self.localFingerprint = localFingerprint
        self.workers = workers
        self.candidates = candidates
        self.directory = directory
        self.dataChannels = dataChannels
    }

    /// Bytes per packet buffer: an MTU-sized packet plus the SRTP trailer.
    static var slotSize: Int { 2048 }
    /// Packet buffers per worker.
    static var slotCount: Int { 8192 }
    /// Datagrams one flush of a worker's sends may carry: a 32-packet receive batch fanned out to
    /// 32 subscribers, so each subscriber's share of a batch goes out as one segmented message.
    static var sendBatchSize: Int { 1024 }
    /// Messages one worker-to-worker ring holds (a burst between two drains).
    static var meshRingCapacity: Int { 4096 }
    /// Packet buffers of the data-channel thread (SCTP packets on their way to the workers).
    static var dataChannelSlotCount: Int { 4096 }

    /// Stops every worker (blocks until their threads exit).
    public func stop() {
        workers.forEach { $0.stop() }
        dataChannels.stop()
    }

    /// Opens the transport `key` on the least-loaded worker, or returns the open one's
    /// parameters with the session version one higher.
    public func open(_ key: TransportKey) async throws(MediaServerError) -> LocalTransportParameters {
        var generator = SystemRandomNumberGenerator()
        let credentials = ICECredentials.random(using: &generator)
        let sessionID = UInt64.random(in: 1...(UInt64(Int64.max)), using: &generator)
        let placement: Result<(worker: Int, local: LocalTransportParameters, isNew: Bool), MediaServerError> = directory.state.withLock { directory in
            directory.ended[key] = nil
            if var registration = directory.registry[key] {
                registration.local.sessionVersion &+= 1
                directory.registry[key] = registration
                return .success((registration.worker, registration.local, false))
            }
            guard let worker = directory.loads.indices.min(by: { directory.loads[$0] < directory.loads[$1] }) else {
                return .failure(.atCapacity)
            }
            let local = LocalTransportParameters(
                iceUfrag: credentials.usernameFragment, icePwd: credentials.password,
                fingerprint: localFingerprint,
                candidates: candidates[worker], sessionID: sessionID)
            directory.registry[key] = Registration(worker: worker, local: local)
            directory.loads[worker] += 1
            return .success((worker, local, true))
        }
        let (worker, local, isNew) = try placement.get()
        guard isNew else { return local }
        directory.report(key, .connecting)
        let opened: Bool
        do {
            opened = try await workers[worker].request { .open(key, credentials, $0) }
        } catch {
            forget(key)
            throw .workerUnavailable("\(error)")
        }
        guard opened else {
            forget(key)
            throw .workerUnavailable("worker \(worker) refused transport \(key)")
        }
        return local
    }

    /// Hands the publisher's parameters and media to its open publish transport `key`: each
    /// accepted section becomes a producer (the same one across renegotiations and restarts,
    /// by mid), and the consumers of those producers are told where they live now.
    public func apply(
        _ key: TransportKey, remote: RemoteTransportParameters, media: PublishedMedia, dataChannel: DataChannelTransport? = nil
    ) async throws(MediaServerError) {
        let producers = directory.state.withLock { directory in
            media.sections.map { directory.forwarding.producer(room: key.room, participant: key.participant, mid: $0.mid) }
        }
        let association = dataChannel.flatMap { _ in dataAssociation(of: key) }
        try await apply(key, TransportApplication(remote: remote, media: media, dtlsRole: .server, producers: producers,
                                                  dataAssociation: association))
        if let dataChannel, let association { attachDataChannels(key, association: association, isDTLSClient: false, dataChannel) }
        refreshForwarding(of: Set(producers.compactMap { $0 }))
    }

    /// Sends `application` to the open transport `key`.
    func apply(_ key: TransportKey, _ application: TransportApplication) async throws(MediaServerError) {
        guard let worker = worker(of: key) else { throw .transportClosed }
        let failure: PeerTransportError?
        do {
            failure = try await workers[worker].request { .apply(key, application, $0) }
        } catch {
            throw .workerUnavailable("\(error)")
        }
        if let failure { throw .transport(failure) }
    }

    /// Closes every open transport whose key `matches`; with `forgettingHistory`, the pool also
    /// forgets that they had connected (their owner is gone), else they read `disconnected`.
    public func close(where matches: (TransportKey) -> Bool, forgettingHistory: Bool) {
        let closing: [(TransportKey, Int, UInt64?)] = directory.state.withLock { directory in
            directory.ended = directory.ended.filter { !matches($0.key) }
            if forgettingHistory {
                directory.connectedOnce = directory.connectedOnce.filter { !matches($0) }
                directory.forwarding.forgetProducers(where: matches)
            }
            let keys = directory.registry.filter { matches($0.key) }.map { ($0.key, $0.value.worker, $0.value.dataAssociation) }
            for (key, worker, _) in keys {
                directory.registry[key] = nil
                directory.loads[worker] -= 1
            }
            return keys
        }
        let affected = directory.state.withLock { directory in
            closing.reduce(into: Set<ProducerID>()) { $0.formUnion(directory.forwarding.forget(subscriber: $1.0)) }
        }
        for (key, worker, association) in closing {
            workers[worker].send(.close(key))
            if let association { dataChannels.send(.detach(association)) }
            directory.report(key, .closed)
        }
        refreshForwarding(of: affected)
    }

    /// Sets the one function told of every transport state change.
    public func onStateChange(_ listener: @escaping @Sendable (TransportStateChange) -> Void) {
        directory.stateListener.withLock { $0 = listener }
    }

    /// The connection state of the transport `key`, nil when the pool knows nothing of it.
    public func state(of key: TransportKey) -> TransportConnectionState? {
        directory.state.withLock { $0.state(of: key) }
    }

    /// A report on the transport `key`: a fresh snapshot when it is open, its last one when it
    /// ended on its own; nil when it is neither.
    public func report(_ key: TransportKey) async -> TransportReport? {
        let known: (worker: Int, candidates: [HostCandidate])? = directory.state.withLock { directory in
            directory.registry[key].map { ($0.worker, $0.local.candidates) }
        }
        guard let known else { return directory.state.withLock { $0.ended[key] } }
        guard let snapshot = (try? await workers[known.worker].request { .snapshot(key, $0) }) ?? nil else {
            // It may have ended while the request was in flight.
            return directory.state.withLock { $0.ended[key] }
        }
        return TransportReport(snapshot: snapshot, localCandidates: known.candidates)
    }

    /// Every worker's own figures (transports, drops by cause, traffic, buffer-pool use, and
    /// the CPU time of its thread), in worker order; a worker that does not answer (stopped or
    /// busy) is left out.
    public func workerSnapshots() async -> [WorkerMediaSnapshot] {
        var snapshots: [WorkerMediaSnapshot] = []
        for worker in workers {
            guard var snapshot = try? await worker.request({ .workerSnapshot($0) }) else { continue }
            snapshot.cpuSeconds = worker.threadID.flatMap { ProcessFigures.threadCPUSeconds(threadID: $0) }
            snapshots.append(snapshot)
        }
        return snapshots
    }

    /// The data-channel thread's own figures (associations, drops, buffer-pool use, CPU time);
    /// nil when it does not answer.
    public func dataChannelSnapshot() async -> DataChannelThreadSnapshot? {
        guard var snapshot = try? await dataChannels.request({ .threadSnapshot($0) }) else { return nil }
        snapshot.cpuSeconds = dataChannels.threadID.flatMap { ProcessFigures.threadCPUSeconds(threadID: $0) }
        return snapshot
    }

    func worker(of key: TransportKey) -> Int? {
        directory.state.withLock { $0.registry[key]?.worker }
    }

    private func forget(_ key: TransportKey) {
        directory.state.withLock { directory in
            guard let registration = directory.registry.removeValue(forKey: key) else { return }
            directory.loads[registration.worker] -= 1
        }
    }

}
