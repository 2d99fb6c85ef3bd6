import Foundation
import Testing

/// Data channels relayed through the real server between aiortc participants (API.md "Data
/// channels"): each participant opens channels on its publish connection, and the server opens a
/// matching channel (same label, ordering and reliability, DCEP protocol = the sender's id) on the
/// subscribe connection of every other participant and relays every message on it. The peers
/// regenerate each sender's message sequence and check what arrives byte for byte.
@Suite("interop: aiortc data channels through switchboard", .serialized, .timeLimit(.minutes(2)))
struct DataChannelInteropTests {
    static let chat = DataChannelPeer.Channel(label: "chat", ordered: true, reliability: .reliable)
    static let lossy = DataChannelPeer.Channel(label: "lossy", ordered: false, reliability: .maxRetransmits(0))
    static let news = DataChannelPeer.Channel(label: "news", ordered: true, reliability: .reliable)

    /// Messages of the "mix" sequence a sender sends; of them i % 10 == 3 are empty texts and
    /// i % 10 == 7 empty binaries (data_peer.py).
    static let mixMessages = 1000

    @Test("three participants: each one's 1,000 mixed messages reach the two others whole and in order")
    func threeParticipantsReliable() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let directory = try PeerControlDirectory()
        let room = "data-three"
        try await server.makeRoom(room)
        let ids = ["ann", "ben", "cat"]
        var peers: [DataChannelPeer] = []
        for id in ids {
            let token = try await server.makeParticipant(room: room, id: id)
            peers.append(try DataChannelPeer(server: server, room: room, participant: id, token: token,
                                             directory: directory.url, send: [Self.chat], subscribe: true,
                                             pattern: .mix, messages: Self.mixMessages, rate: 250,
                                             start: .onRelease, expectSenders: 2))
        }
        defer { peers.forEach { $0.stop() } }
        // Sending starts once all six relayed channels are open.
        for peer in peers {
            for other in ids where other != peer.participant {
                try await peer.waitForStatus("relayed-open \(other)/chat", timeout: .seconds(30))
            }
        }
        peers.forEach { $0.release() }
        for peer in peers { try await peer.waitForStatus("sending", timeout: .seconds(10)) }
        // 1,000 messages at 250 a second: one second in, every counter is on its way.
        try await Task.sleep(for: .seconds(1))
        var early: [String: [[String: Any]]] = [:]
        for id in ids { early[id] = try await server.dataChannelStatistics(room: room, participant: id) }
        for peer in peers { try await peer.waitForStatus("complete", timeout: .seconds(40)) }
        var late: [String: [[String: Any]]] = [:]
        for id in ids { late[id] = try await server.dataChannelStatistics(room: room, participant: id) }
        let lists = try await server.dataChannelLists(room: room)
        peers.forEach { $0.stop() }
        var reports: [String: DataChannelReport] = [:]
        for peer in peers { reports[peer.participant] = try await peer.report() }

        for id in ids {
            let report = try #require(reports[id])
            #expect(report.errors.isEmpty, "\(id): \(report.errors)")
            #expect(report.publishStatus == 201, "\(id)")
            let sent = try #require(report.sent(label: "chat"), "\(id): \(report)")
            #expect(sent.messages == Self.mixMessages, "\(id): \(report)")
            // One relayed channel per other participant, none of its own.
            #expect(Set(report.received.map(\.sender)) == Set(ids.filter { $0 != id }), "\(id): \(report.received)")
            #expect(report.received.count == 2, "\(id): \(report.received)")
            for other in ids where other != id {
                let otherSent = try #require(reports[other]?.sent(label: "chat"))
                let channel = try #require(report.received(from: other, label: "chat"),
                                           "\(id) got no channel from \(other): \(report.received)")
                #expect(channel.ordered == true && channel.maxRetransmits == nil && channel.maxPacketLifeTime == nil,
                        "\(other)→\(id): \(channel)")
                #expect(channel.messages == Self.mixMessages && channel.matched == Self.mixMessages,
                        "\(other)→\(id): \(channel)")
                #expect(channel.firstMismatch == nil, "\(other)→\(id): \(channel)")
                #expect(channel.bytes == otherSent.bytes, "\(other)→\(id): \(channel.bytes) of \(otherSent.bytes) bytes")
                #expect(channel.emptyTexts == Self.mixMessages / 10 && channel.emptyBinaries == Self.mixMessages / 10,
                        "\(other)→\(id): \(channel)")
            }

            // The room lists the channel each one opened.
            let list = lists[id] ?? []
            #expect(list.count == 1, "\(id): \(list)")
            #expect(list.first?["label"] as? String == "chat" && list.first?["ordered"] as? Bool == true
                        && list.first?["maxRetransmits"] == nil && list.first?["maxPacketLifeTime"] == nil,
                    "\(id): \(list)")

            // Stats: the channel it sent on counts what the server received; each relayed channel
            // counts what the server sent; a reading while sending never exceeds the final one.
            let own: ([[String: Any]]?) -> [String: Any]? = { entries in
                entries?.first { $0["label"] as? String == "chat" && ($0["protocol"] as? String ?? "") == "" }
            }
            let ownLate = try #require(own(late[id]), "\(id): no data-channel entry of its own channel: \(late[id] ?? [])")
            #expect(ownLate["messagesReceived"] as? Int == Self.mixMessages, "\(id): \(ownLate)")
            #expect(ownLate["bytesReceived"] as? Int == sent.bytes, "\(id): \(ownLate), sent \(sent.bytes) bytes")
            let ownEarly = own(early[id])
            // (Not required to be below the total: a busy test process may read it late.)
            #expect(ownEarly != nil && (ownEarly?["messagesReceived"] as? Int ?? .max) <= Self.mixMessages,
                    "\(id): not growing: \(ownEarly ?? [:]), then \(ownLate)")
            for other in ids where other != id {
                let otherSent = try #require(reports[other]?.sent(label: "chat"))
                let relayed: ([[String: Any]]?) -> [String: Any]? = { entries in
                    entries?.first { $0["label"] as? String == "chat" && $0["protocol"] as? String == other }
                }
                let relayedLate = try #require(relayed(late[id]), "\(id): no data-channel entry for \(other): \(late[id] ?? [])")
                #expect(relayedLate["messagesSent"] as? Int == Self.mixMessages, "\(other)→\(id): \(relayedLate)")
                #expect(relayedLate["bytesSent"] as? Int == otherSent.bytes, "\(other)→\(id): \(relayedLate)")
                #expect(relayedLate["state"] as? String == "open", "\(other)→\(id): \(relayedLate)")
                let relayedEarly = relayed(early[id])
                #expect(relayedEarly != nil && (relayedEarly?["messagesSent"] as? Int ?? .max) <= Self.mixMessages,
                        "\(other)→\(id): not growing: \(relayedEarly ?? [:]), then \(relayedLate)")
            }
        }
        // The operator's figures: 3 senders × 1,000 messages × 2 receivers, none dropped (the
        // sampler may lag by one interval, so poll a few seconds).
        var relay: [String: Any] = [:]
        for _ in 0..<50 {
            relay = try await server.request("GET", "/v1/stats").json["dataChannels"] as? [String: Any] ?? [:]
            if relay["messagesRelayed"] as? Int == 2 * Self.mixMessages * ids.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(relay["messagesRelayed"] as? Int == 2 * Self.mixMessages * ids.count, "\(relay)")
        #expect(relay["messageDrops"] as? Int == 0, "\(relay)")
        for field in ["malformedPackets", "oversizeMessages", "channelMessageDrops"] {
            #expect(relay[field] as? Int == 0, "\(field): \(relay)")
        }
        #expect(relay["associations"] as? Int == 2 * ids.count, "\(relay)")
        if reports.values.contains(where: { !$0.errors.isEmpty }) { print("server log:\n\(server.logTail())") }
    }

    @Test("unordered, maxRetransmits 0: what arrives is intact, ≥ 90 % arrives, and a stalled subscriber slows no one")
    func unreliableAndStalledSubscriber() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let directory = try PeerControlDirectory()
        let room = "data-lossy"
        try await server.makeRoom(room)
        // 1,600 messages at 200 a second (8 s); the stalling subscriber stops after 400 (2 s).
        let messages = 1600
        let sender = try DataChannelPeer(
            server: server, room: room, participant: "pub", token: try await server.makeParticipant(room: room, id: "pub"),
            directory: directory.url, send: [Self.lossy], subscribe: false, pattern: .indexed, messages: messages,
            rate: 200, start: .onRelease)
        let reader = try DataChannelPeer(
            server: server, room: room, participant: "reader",
            token: try await server.makeParticipant(room: room, id: "reader"), directory: directory.url,
            subscribe: true, pattern: .indexed)
        let staller = try DataChannelPeer(
            server: server, room: room, participant: "staller",
            token: try await server.makeParticipant(room: room, id: "staller"), directory: directory.url,
            subscribe: true, pattern: .indexed, stallAfter: 400)
        let peers = [sender, reader, staller]
        defer {
            staller.resume()
            peers.forEach { $0.stop() }
        }
        for peer in [reader, staller] { try await peer.waitForStatus("relayed-open pub/lossy", timeout: .seconds(30)) }
        sender.release()
        try await staller.waitForStatus("stalling", timeout: .seconds(20))
        try await sender.waitForStatus("sent", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(1))  // the last messages land
        let lists = try await server.dataChannelLists(room: room)
        staller.resume()
        peers.forEach { $0.stop() }
        let sent = try await sender.report()
        let read = try await reader.report()
        let stalled = try await staller.report()

        for report in [sent, read, stalled] { #expect(report.errors.isEmpty, "\(report.participant): \(report.errors)") }
        let list = lists["pub"] ?? []
        #expect(list.count == 1 && list.first?["label"] as? String == "lossy" && list.first?["ordered"] as? Bool == false
                    && list.first?["maxRetransmits"] as? Int == 0, "pub: \(list)")
        let sendTimes = try #require(sent.sent(label: "lossy"), "\(sent)").sendTimesMs
        #expect(sendTimes.count == messages, "\(sent)")
        let stalledAt = try #require(stalled.stalledAtMs, "the staller never stalled: \(stalled)")

        for report in [read, stalled] {
            let channel = try #require(report.received(from: "pub", label: "lossy"), "\(report)")
            #expect(channel.ordered == false && channel.maxRetransmits == 0, "\(report.participant): \(channel)")
            #expect(channel.corrupt == 0 && channel.duplicates == 0, "\(report.participant): \(channel)")
        }
        let channel = try #require(read.received(from: "pub", label: "lossy"))
        let overall = MessageDelivery(sendTimesMs: sendTimes, log: channel.receiveLog, sentWithin: -Double.infinity..<Double.infinity)
        // Half a second after the staller stopped, until the sender finished.
        let duringStall = MessageDelivery(sendTimesMs: sendTimes, log: channel.receiveLog,
                                          sentWithin: (stalledAt + 500)..<Double.infinity)
        let beforeStall = MessageDelivery(sendTimesMs: sendTimes, log: channel.receiveLog, sentWithin: -Double.infinity..<stalledAt)
        print("data lossy: reader overall \(overall); before the stall \(beforeStall); during it \(duringStall)")
        #expect(overall.fraction >= 0.9, "reader: \(overall)")
        #expect(duringStall.sent >= 600, "the stall came too late to measure anything: \(duringStall)")
        #expect(duringStall.fraction >= 0.9, "reader while the staller stalled: \(duringStall)")
        #expect(duringStall.latencyPercentileMs(90) ?? .infinity <= 1000, "reader while the staller stalled: \(duringStall)")
        if !duringStall.isHealthy { print("server log:\n\(server.logTail())") }
    }

    @Test("a late joiner gets a channel opened before it came; the sender's leaving closes it everywhere")
    func lateJoinerAndSenderLeaving() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let directory = try PeerControlDirectory()
        let room = "data-late"
        try await server.makeRoom(room)
        let early = try DataChannelPeer(
            server: server, room: room, participant: "early",
            token: try await server.makeParticipant(room: room, id: "early"), directory: directory.url,
            subscribe: true, pattern: .indexed)
        defer { early.stop() }
        try await early.waitForStatus("ready", timeout: .seconds(20))
        // 50 messages a second until it is removed (the peer runs 50 s at most).
        let sender = try DataChannelPeer(
            server: server, room: room, participant: "pub", token: try await server.makeParticipant(room: room, id: "pub"),
            directory: directory.url, send: [Self.news], subscribe: false, pattern: .indexed, messages: 2500, rate: 50)
        defer { sender.stop() }
        try await sender.waitForStatus("sending", timeout: .seconds(30))
        let listed = try await server.dataChannelLists(room: room)["pub"] ?? []
        #expect(listed.count == 1 && listed.first?["label"] as? String == "news", "pub: \(listed)")

        let late = try DataChannelPeer(
            server: server, room: room, participant: "late",
            token: try await server.makeParticipant(room: room, id: "late"), directory: directory.url,
            subscribe: true, pattern: .indexed)
        defer { late.stop() }
        try await late.waitForStatus("relayed-open pub/news", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(2))
        let leftAtMs = Date().timeIntervalSince1970 * 1000
        let removed = try await server.request("DELETE", "/v1/rooms/\(room)/participants/pub")
        #expect(removed.status == 204, "\(removed)")
        for peer in [early, late] { try await peer.waitForStatus("relayed-closed pub/news", timeout: .seconds(10)) }
        [early, late, sender].forEach { $0.stop() }
        let sent = try await sender.report()
        let earlyReport = try await early.report()
        let lateReport = try await late.report()
        let reports = [earlyReport, lateReport]

        let sentCount = try #require(sent.sent(label: "news"), "\(sent)").messages
        for report in reports {
            let who = report.participant
            #expect(report.errors.isEmpty, "\(who): \(report.errors)")
            let channel = try #require(report.received(from: "pub", label: "news"), "\(who): \(report)")
            #expect(channel.ordered == true && channel.maxRetransmits == nil, "\(who): \(channel)")
            #expect(channel.corrupt == 0 && channel.duplicates == 0 && channel.outOfOrder == 0, "\(who): \(channel)")
            // Reliable and ordered: one unbroken run of the sender's sequence.
            let indices = channel.receiveLog.map(\.index)
            let first = try #require(indices.first, "\(who): nothing received: \(channel)")
            #expect(indices == Array(first..<(first + indices.count)), "\(who): gaps in \(indices)")
            #expect(indices.count >= 50 && indices.last! < sentCount, "\(who): \(indices.count) messages of \(sentCount)")
            #expect(channel.readyState == "closed", "\(who): \(channel)")
            #expect((channel.closedAtMs ?? 0) >= leftAtMs, "\(who): closed at \(channel.closedAtMs ?? 0), left at \(leftAtMs)")
        }
        // The early subscriber's channel existed before the first message: held until open, none lost.
        #expect(earlyReport.received(from: "pub", label: "news")?.receiveLog.first?.index == 0, "early: \(earlyReport)")
        // The late joiner came after messages had been sent: its run starts later.
        #expect((lateReport.received(from: "pub", label: "news")?.receiveLog.first?.index ?? 0) > 0, "late: \(lateReport)")
    }
}

/// Which of the messages a sender sent within a time window one receiver got, and how late.
struct MessageDelivery: CustomStringConvertible {
    let sent: Int
    let delivered: Int
    /// Arrival time minus send time of each delivered message, in ms, sorted.
    let latenciesMs: [Double]

    /// Messages i with sendTimesMs[i] in `sentWithin`, matched against the receiver's `log`.
    init(sendTimesMs: [Double], log: [(index: Int, atMs: Double)], sentWithin: Range<Double>) {
        var arrivals: [Int: Double] = [:]
        for entry in log { arrivals[entry.index] = entry.atMs }
        let indices = sendTimesMs.indices.filter { sentWithin.contains(sendTimesMs[$0]) }
        sent = indices.count
        latenciesMs = indices.compactMap { index in arrivals[index].map { $0 - sendTimesMs[index] } }.sorted()
        delivered = latenciesMs.count
    }

    var fraction: Double { sent == 0 ? 0 : Double(delivered) / Double(sent) }

    /// The `percent`th percentile of the latencies, nil when nothing was delivered.
    func latencyPercentileMs(_ percent: Int) -> Double? {
        guard !latenciesMs.isEmpty else { return nil }
        return latenciesMs[min(latenciesMs.count - 1, latenciesMs.count * percent / 100)]
    }

    var isHealthy: Bool { fraction >= 0.9 && (latencyPercentileMs(90) ?? .infinity) <= 1000 }

    var description: String {
        "\(delivered)/\(sent) messages (\(Int((fraction * 100).rounded())) %), latency median "
            + "\(latencyPercentileMs(50).map { "\(Int($0)) ms" } ?? "-"), 90th percentile "
            + "\(latencyPercentileMs(90).map { "\(Int($0)) ms" } ?? "-")"
    }
}
