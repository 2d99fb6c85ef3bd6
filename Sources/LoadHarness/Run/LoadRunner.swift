public import LoadModel
public import LoadSignalling
import LoadPeers
import Worker

/// One load run against one server: rooms are made, publishers join at the ramp rate and start
/// sending, receivers join once the publishers are up, every receiver's first media is awaited,
/// then the measured window runs for the scenario's duration (a progress line each second), the
/// senders stop, the last packets drain, and everything is taken down again.
///
/// Invariants: every phase is bounded (the ramp by the participant count, each wait by the
/// connect timeout, the window by the duration); whatever the run made on the server (rooms,
/// participants) is removed, the peer pool shut down and the backend closed before `run`
/// returns or throws; the harness sends only to candidates `policy` allows.
public struct LoadRunner<Backend: ConferenceBackend>: Sendable {
    public let scenario: LoadScenario
    public let backend: Backend
    public let policy: AddressPolicy
    /// The server's pid, to read its CPU time and memory from `/proc`; nil: not measured.
    public let serverPID: Int32?
    public let progress: @Sendable (LoadProgress) -> Void

    /// How long the senders' last packets have to arrive before the final count.
    static var drain: Duration { .seconds(1) }
    /// How often the waits look at the peers.
    static var pollInterval: Duration { .milliseconds(200) }

    public init(scenario: LoadScenario, backend: Backend, policy: AddressPolicy, serverPID: Int32?,
                progress: @escaping @Sendable (LoadProgress) -> Void) {
        self.scenario = scenario
        self.backend = backend
        self.policy = policy
        self.serverPID = serverPID
        self.progress = progress
    }

    /// Runs the scenario and reports what was measured. Throws when the run cannot start (an
    /// invalid scenario, the peers cannot be set up, the server cannot make the rooms);
    /// participants that fail to join do not stop the run: the report counts them.
    public func run() async throws(LoadRunError) -> LoadReport {
        do {
            try scenario.validate()
        } catch {
            await backend.close()
            throw error
        }
        let pool: LoadPeerPool
        do {
            // Transports with a data channel all live on worker thread 0 (the one that runs usrsctp).
            let hasData = scenario.dataChannel != nil
            var configuration = LoadPeerPoolConfiguration(
                threads: scenario.threads, transportCapacity: hasData ? 0 : scenario.transportCount,
                srtpProfiles: scenario.srtpProfiles.compactMap(SRTPProfileName.canonical), connectTimeout: connectTimeout)
            configuration.dataChannelCapacity = hasData ? scenario.transportCount : 0
            pool = try LoadPeerPool(configuration: configuration)
        } catch {
            await backend.close()
            throw .peers(error.description)
        }
        let ledger = RunLedger<Backend>()
        let result: Result<LoadReport, LoadRunError>
        do {
            result = .success(try await runPhases(pool: pool, ledger: ledger))
        } catch {
            result = .failure(error)
        }
        await takeDown(pool: pool, ledger: ledger)
        return try result.get()
    }

    private func runPhases(pool: LoadPeerPool, ledger: RunLedger<Backend>) async throws(LoadRunError) -> LoadReport {
        var random = SystemRandomNumberGenerator()
        let plan = RunPlan(scenario: scenario, random: &random)
        progress(.phase("creating \(scenario.rooms) room\(scenario.rooms == 1 ? "" : "s") on \(backend.serverKind)"))
        var rooms: [Backend.Room] = []
        for index in 0..<scenario.rooms {
            do {
                let room = try await backend.createRoom(index: index, participants: scenario.participantsPerRoom)
                rooms.append(room)
                await ledger.add(room: room)
            } catch {
                throw .signalling(error)
            }
        }

        let publishers = await joinPublishers(plan: plan, rooms: rooms, pool: pool, ledger: ledger)
        let joins = await joinReceivers(plan: plan, rooms: rooms, publishers: publishers, pool: pool, ledger: ledger)
        let expectedReceivers = scenario.rooms * scenario.receiveTransportsPerRoom
        return await measure(pool: pool, joins: joins, expectedReceivers: expectedReceivers,
                             simulcastLayers: plan.simulcastLayers)
    }

    /// The measured window, the drain and the final count.
    private func measure(pool: LoadPeerPool, joins: [JoinRecord], expectedReceivers: Int,
                         simulcastLayers: Set<ProbeStreamID>) async -> LoadReport {
        let sampler = serverPID.map(ServerProcessSampler.init(pid:))
        let clock = ContinuousClock()
        progress(.phase("measuring for \(LoadNumberFormat.shortest(scenario.durationSeconds)) s"))
        let windowStart = await pool.snapshot()
        let serverAtStart = sampler?.sample()
        let harnessAtStart = ProcessFigures.processCPUSeconds()
        let began = clock.now
        var previous = windowStart
        var elapsed = 0.0
        while elapsed < scenario.durationSeconds {
            elapsed = min(elapsed + 1, scenario.durationSeconds)
            try? await clock.sleep(until: began + .milliseconds(Int64(elapsed * 1000)))
            let current = await pool.snapshot()
            progress(.window(WindowProgress(from: previous, to: current, elapsedSeconds: elapsed,
                                            simulcastLayers: simulcastLayers)))
            previous = current
        }
        let serverAtEnd = sampler?.sample()
        let harnessAtEnd = ProcessFigures.processCPUSeconds()

        await pool.stopSending()
        try? await Task.sleep(for: Self.drain)
        let final = await pool.snapshot()
        let measurements = LoadMeasurements(
            windowStart: windowStart, windowEnd: previous, final: final, serverAtStart: serverAtStart,
            serverAtEnd: serverAtEnd, harnessCPUAtStart: harnessAtStart, harnessCPUAtEnd: harnessAtEnd, joins: joins,
            expectedReceivers: expectedReceivers, simulcastLayers: simulcastLayers)
        return LoadReport(scenario: scenario, serverKind: backend.serverKind, serverPID: serverPID, measurements: measurements)
    }

    /// Polls the pool until `isDone` holds or `timeout` passed; returns the last snapshot.
    func waitForPeers(_ pool: LoadPeerPool, timeout: Duration, until isDone: (LoadSnapshot) -> Bool) async -> LoadSnapshot {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let snapshot = await pool.snapshot()
            if isDone(snapshot) || clock.now >= deadline { return snapshot }
            try? await clock.sleep(until: min(deadline, clock.now + Self.pollInterval))
        }
    }

    /// Leaves, shuts the peers down, removes the rooms and ends the backend: best effort, each
    /// step bounded by the backend's request timeout.
    private func takeDown(pool: LoadPeerPool, ledger: RunLedger<Backend>) async {
        let participants = await ledger.participants
        let rooms = await ledger.rooms
        if !participants.isEmpty || !rooms.isEmpty { progress(.phase("leaving and removing the rooms")) }
        let backend = backend
        _ = await JoinRamp(perSecond: JoinRamp.unpaced).run(participants) { participant in
            await backend.leave(participant)
        }
        await pool.shutdown()
        for room in rooms { await backend.destroy(room) }
        await backend.close()
    }
}

/// What a run made on the server, so that it is removed whatever happens.
actor RunLedger<Backend: ConferenceBackend> {
    private(set) var rooms: [Backend.Room] = []
    private(set) var participants: [Backend.Participant] = []

    func add(room: Backend.Room) { rooms.append(room) }
    func add(participant: Backend.Participant) { participants.append(participant) }
}
