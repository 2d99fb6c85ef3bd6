import LoadModel
import LoadPeers
import LoadSignalling

/// A publisher after its join: its participant (when the server made one) and how it went.
struct PublisherJoin<Participant: Sendable>: Sendable {
    var plan: PublisherPlan
    var participant: Participant?
    var record: JoinRecord
}

/// A receive transport to set up: a new receive-only participant, or a publisher that also
/// receives (then `participant` and `record` are the publisher's).
struct ReceiverJob<Participant: Sendable>: Sendable {
    var name: String
    var room: Int
    var participant: Participant?
    var record: JoinRecord?
    /// The room's publishers this receiver receives (itself excluded).
    var sources: [Participant]
}

extension LoadRunner {
    /// Publishers join at the ramp rate and start sending; returns once each one's transport is
    /// connected or failed (at most the connect timeout after the last one started).
    func joinPublishers(plan: RunPlan, rooms: [Backend.Room], pool: LoadPeerPool,
                        ledger: RunLedger<Backend>) async -> [PublisherJoin<Backend.Participant>] {
        progress(.phase("\(plan.publishers.count) publisher\(plan.publishers.count == 1 ? "" : "s") joining at "
            + "\(LoadNumberFormat.shortest(scenario.joinRatePerSecond))/s"))
        let clock = ContinuousClock()
        let began = clock.now
        var joined = await JoinRamp(perSecond: scenario.joinRatePerSecond).run(plan.publishers) { publisher in
            await publish(publisher, room: rooms[publisher.room], pool: pool, ledger: ledger)
        }
        let transports = joined.compactMap { $0.record.error == nil ? $0.record.publishTransport : nil }
        let snapshot = await waitForPeers(pool, timeout: connectTimeout + .seconds(1)) { snapshot in
            let phases = Self.phases(snapshot)
            return transports.allSatisfy { phases[$0] != .connecting }
        }
        let phases = Self.phases(snapshot)
        for index in joined.indices {
            guard joined[index].record.error == nil, let number = joined[index].record.publishTransport else { continue }
            if phases[number] == .connecting {
                joined[index].record.error = "publish transport not connected within the connect timeout"
            }
        }
        let connected = transports.count(where: { phases[$0] == .connected })
        progress(.phase("publishers: \(connected) of \(plan.publishers.count) connected after "
            + "\(LoadNumberFormat.decimal(Self.seconds(clock.now - began), places: 1)) s"))
        return joined
    }

    /// Receivers (receive-only participants, and publishers that also receive) subscribe at the
    /// ramp rate; returns every participant's join record once every receiver got media or
    /// failed (at most the connect timeout after the last one started).
    func joinReceivers(plan: RunPlan, rooms: [Backend.Room], publishers: [PublisherJoin<Backend.Participant>],
                       pool: LoadPeerPool, ledger: RunLedger<Backend>) async -> [JoinRecord] {
        var jobs: [ReceiverJob<Backend.Participant>] = []
        var records: [JoinRecord] = []
        for room in 0..<scenario.rooms {
            let roomPublishers = publishers.filter { $0.plan.room == room }
            let sending = roomPublishers.filter { $0.record.error == nil && $0.participant != nil }
            for publisher in roomPublishers {
                guard publisher.plan.receives, publisher.record.error == nil, let participant = publisher.participant else {
                    records.append(publisher.record)
                    continue
                }
                let others = sending.filter { $0.plan.name != publisher.plan.name }.compactMap(\.participant)
                jobs.append(ReceiverJob(name: publisher.plan.name, room: room, participant: participant,
                                        record: publisher.record, sources: others))
            }
            for subscriber in plan.subscribers where subscriber.room == room {
                jobs.append(ReceiverJob(name: subscriber.name, room: room, participant: nil, record: nil,
                                        sources: sending.compactMap(\.participant)))
            }
        }
        guard !jobs.isEmpty else { return await awaitPublishersSending(records, pool: pool) }

        progress(.phase("\(jobs.count) receiver\(jobs.count == 1 ? "" : "s") joining at "
            + "\(LoadNumberFormat.shortest(scenario.joinRatePerSecond))/s"))
        let clock = ContinuousClock()
        let began = clock.now
        let received = await JoinRamp(perSecond: scenario.joinRatePerSecond).run(jobs) { job in
            await receive(job, room: rooms[job.room], pool: pool, ledger: ledger)
        }
        let receiving = received.compactMap { $0.error == nil ? $0.receiveTransport : nil }
        let snapshot = await waitForPeers(pool, timeout: connectTimeout + .seconds(1)) { snapshot in
            let progress = Self.progressByTransport(snapshot)
            return receiving.allSatisfy { number in
                guard let transport = progress[number] else { return false }
                if case .failed = transport.phase { return true }
                return transport.firstMediaReceivedAt != nil
            }
        }
        let progressByTransport = Self.progressByTransport(snapshot)
        let withMedia = receiving.count(where: { progressByTransport[$0]?.firstMediaReceivedAt != nil })
        progress(.phase("receivers: \(withMedia) of \(jobs.count) getting media after "
            + "\(LoadNumberFormat.decimal(Self.seconds(clock.now - began), places: 1)) s"))
        return records + received
    }

    /// For runs without receivers: waits until every publisher sent its first media.
    private func awaitPublishersSending(_ records: [JoinRecord], pool: LoadPeerPool) async -> [JoinRecord] {
        let sending = records.compactMap { $0.error == nil ? $0.publishTransport : nil }
        _ = await waitForPeers(pool, timeout: connectTimeout + .seconds(1)) { snapshot in
            let progress = Self.progressByTransport(snapshot)
            return sending.allSatisfy { progress[$0]?.firstMediaSentAt != nil }
        }
        return records
    }

    /// One publisher: join, open its transport, offer, read the answer, start sending.
    private func publish(_ publisher: PublisherPlan, room: Backend.Room, pool: LoadPeerPool,
                         ledger: RunLedger<Backend>) async -> PublisherJoin<Backend.Participant> {
        var record = JoinRecord(participant: publisher.name, startedAt: LoadPeerPool.now())
        let hasData = scenario.dataChannel != nil
        let participant: Backend.Participant
        do {
            participant = try await backend.join(room, name: publisher.name, publishes: true, subscribes: publisher.receives,
                                                 data: hasData)
        } catch {
            record.error = "join: \(error)"
            return PublisherJoin(plan: publisher, participant: nil, record: record)
        }
        await ledger.add(participant: participant)
        var step = "open transport"
        do {
            let (number, local) = try pool.openTransport(dataChannel: hasData)
            record.publishTransport = number
            step = "publish"
            let offer = PeerSDP.publishOffer(local: local, streams: publisher.streams, dataChannel: hasData)
            let answer = try await backend.publish(participant, offer: offer)
            step = "publish answer"
            let (remote, extensions) = try PeerSDP.readPublishAnswer(answer, streams: publisher.streams, policy: policy)
            step = "start sending"
            let plan = RunPlan.publishPlan(for: publisher, extensions: extensions, scenario: scenario)
            try pool.start(number, remote: remote, plan: .publish(plan))
        } catch {
            record.error = "\(step): \(error)"
        }
        return PublisherJoin(plan: publisher, participant: participant, record: record)
    }

    /// One receive transport: join (receive-only participants), subscribe to the room's
    /// publishers, open the transport, answer the server's offer, start receiving.
    private func receive(_ job: ReceiverJob<Backend.Participant>, room: Backend.Room, pool: LoadPeerPool,
                         ledger: RunLedger<Backend>) async -> JoinRecord {
        let startedAt = LoadPeerPool.now()
        var record = job.record ?? JoinRecord(participant: job.name, startedAt: startedAt)
        if job.record != nil { record.receiveStartedAt = startedAt }
        guard !job.sources.isEmpty else {
            record.error = "no publisher of room \(job.room) is sending"
            return record
        }
        let hasData = scenario.dataChannel != nil
        var step = "join"
        do {
            let participant: Backend.Participant
            if let existing = job.participant {
                participant = existing
            } else {
                participant = try await backend.join(room, name: job.name, publishes: false, subscribes: true, data: hasData)
                await ledger.add(participant: participant)
            }
            step = "subscribe"
            let offer = try await backend.subscribe(participant, to: job.sources)
            step = "open transport"
            let (number, local) = try pool.openTransport(dataChannel: hasData)
            record.receiveTransport = number
            step = "subscribe offer"
            let (answer, remote, dataChannel) = try PeerSDP.answerSubscribeOffer(
                offer, local: local, acceptData: hasData, policy: policy)
            step = "accept subscription"
            try await backend.acceptSubscription(participant, answer: answer)
            step = "start receiving"
            try pool.start(number, remote: remote, plan: .receive(dataChannel: dataChannel))
        } catch {
            record.error = "\(step): \(error)"
        }
        return record
    }

    var connectTimeout: Duration { .milliseconds(Int64(scenario.connectTimeoutSeconds * 1000)) }

    static func phases(_ snapshot: LoadSnapshot) -> [Int: TransportPhase] {
        Dictionary(snapshot.transports.map { ($0.transport, $0.phase) }, uniquingKeysWith: { _, last in last })
    }

    static func progressByTransport(_ snapshot: LoadSnapshot) -> [Int: TransportProgress] {
        Dictionary(snapshot.transports.map { ($0.transport, $0) }, uniquingKeysWith: { _, last in last })
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
