import Foundation
import Testing

/// The RTP entries of `GET …/participants/{p}/stats` while a conference runs: the publisher's
/// received streams (loss, jitter, feedback, its sender reports) and a subscriber's forwarded
/// streams (what was sent, their codecs, and the subscriber's receiver reports with the round
/// trips measured against the server's own sender reports).
struct ConferenceRTPStats {
    let publisher: StatsView
    let subscriber: StatsView

    /// Polls both participants' stats until every entry checked below is there (aiortc sends
    /// its reports every 0.5–1.5 s, the server its sender reports every second), at most
    /// `timeout`; returns the last reports read.
    static func poll(server: InteropServer, room: String, publisher: String, subscriber: String,
                     timeout: Duration) async throws -> ConferenceRTPStats {
        let deadline = ContinuousClock.now + timeout
        var last: ConferenceRTPStats?
        while ContinuousClock.now < deadline {
            let published = try await server.request("GET", "/v1/rooms/\(room)/participants/\(publisher)/stats")
            let received = try await server.request("GET", "/v1/rooms/\(room)/participants/\(subscriber)/stats")
            let stats = ConferenceRTPStats(publisher: StatsView(published.json), subscriber: StatsView(received.json))
            last = stats
            if stats.isComplete { return stats }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try #require(last)
    }

    /// Every stream has its remote counterpart, and the subscriber measured a round trip.
    var isComplete: Bool {
        ["audio", "video"].allSatisfy { kind in
            publisher.inbound(kind: kind).flatMap { publisher.entry(id: $0["remoteId"]) } != nil
                && outbound(kind: kind).flatMap { subscriber.entry(id: $0["remoteId"]) }?["roundTripTime"] != nil
        }
    }

    /// The subscribe transport's `outbound-rtp` entry of `kind`.
    func outbound(kind: String) -> [String: Any]? {
        subscriber.entries(ofType: "outbound-rtp").first { $0["kind"] as? String == kind && $0["transportRole"] as? String == "subscribe" }
    }

    /// Checks the entries' fields, types, units and links (W3C webrtc-stats names).
    func check(mimeTypes: [String: String]) throws {
        let now = Date().timeIntervalSince1970 * 1000
        for (kind, mimeType) in mimeTypes.sorted(by: { $0.key < $1.key }) {
            // The publisher's stream as the server received it (RFC 3550 loss and jitter).
            let inbound = try #require(publisher.inbound(kind: kind), "\(kind): \(publisher.entries)")
            let lost = try #require(inbound["packetsLost"] as? Int, "\(inbound)")
            #expect(lost >= 0, "\(inbound)")
            let jitter = try #require(inbound["jitter"] as? Double, "\(inbound)")
            #expect(jitter >= 0 && jitter < 1, "jitter in seconds: \(inbound)")
            for field in ["nackCount", "pliCount", "firCount"] { #expect(inbound[field] is Int, "\(field): \(inbound)") }
            if kind == "video" {
                // Subscribers joined and waited for a key frame: the server asked the publisher.
                #expect(publisher.integer(inbound, "pliCount") > 0, "\(inbound)")
            }
            let lastPacket = try #require(inbound["lastPacketReceivedTimestamp"] as? Double, "\(inbound)")
            #expect(abs(lastPacket - now) < 10_000, "Unix ms: \(lastPacket) vs \(now)")

            // What aiortc's sender reports said, linked both ways.
            let remoteOutbound = try #require(publisher.entry(id: inbound["remoteId"]), "\(kind): \(publisher.entries)")
            #expect(remoteOutbound["type"] as? String == "remote-outbound-rtp")
            #expect(remoteOutbound["localId"] as? String == inbound["id"] as? String)
            #expect(remoteOutbound["ssrc"] as? Int == inbound["ssrc"] as? Int)
            #expect(remoteOutbound["kind"] as? String == kind)
            #expect(publisher.integer(remoteOutbound, "packetsSent") > 0, "\(remoteOutbound)")
            #expect(publisher.integer(remoteOutbound, "bytesSent") > 0, "\(remoteOutbound)")
            #expect(publisher.integer(remoteOutbound, "reportsSent") >= 1, "\(remoteOutbound)")
            let remoteTimestamp = try #require(remoteOutbound["remoteTimestamp"] as? Double, "\(remoteOutbound)")
            #expect(abs(remoteTimestamp - now) < 10_000, "NTP as Unix ms: \(remoteTimestamp) vs \(now)")

            // The stream forwarded to the subscriber, its codec, and the subscriber's reports.
            let outbound = try #require(self.outbound(kind: kind), "\(kind): \(subscriber.entries)")
            #expect(subscriber.integer(outbound, "packetsSent") > 0, "\(outbound)")
            #expect(subscriber.integer(outbound, "bytesSent") > 0, "\(outbound)")
            #expect(outbound["mid"] is String, "\(outbound)")
            #expect(outbound["active"] as? Bool == true, "\(outbound)")
            #expect(outbound["retransmittedPacketsSent"] as? Int == 0, "\(outbound)")
            for field in ["nackCount", "pliCount", "firCount", "headerBytesSent"] { #expect(outbound[field] is Int, "\(field): \(outbound)") }
            let transport = try #require(subscriber.entry(id: outbound["transportId"]), "\(outbound)")
            #expect(transport["type"] as? String == "transport" && transport["transportRole"] as? String == "subscribe")
            let codec = try #require(subscriber.entry(id: outbound["codecId"]), "\(kind): codecId of \(outbound)")
            #expect(codec["type"] as? String == "codec")
            #expect(codec["mimeType"] as? String == mimeType, "\(codec)")
            #expect((codec["clockRate"] as? Int ?? 0) > 0, "\(codec)")
            #expect(codec["payloadType"] is Int, "\(codec)")

            let remoteInbound = try #require(subscriber.entry(id: outbound["remoteId"]), "\(kind): \(subscriber.entries)")
            #expect(remoteInbound["type"] as? String == "remote-inbound-rtp")
            #expect(remoteInbound["localId"] as? String == outbound["id"] as? String)
            #expect(remoteInbound["ssrc"] as? Int == outbound["ssrc"] as? Int)
            let fractionLost = try #require(remoteInbound["fractionLost"] as? Double, "\(remoteInbound)")
            #expect(fractionLost >= 0 && fractionLost <= 1, "\(remoteInbound)")
            #expect(remoteInbound["packetsLost"] is Int, "\(remoteInbound)")
            #expect(remoteInbound["jitter"] is Double, "\(remoteInbound)")
            let roundTrip = try #require(remoteInbound["roundTripTime"] as? Double, "no RTT: \(remoteInbound)")
            #expect(roundTrip > 0 && roundTrip < 1, "RTT on loopback, seconds: \(roundTrip)")
            #expect(subscriber.integer(remoteInbound, "roundTripTimeMeasurements") >= 1, "\(remoteInbound)")
            #expect((remoteInbound["totalRoundTripTime"] as? Double ?? 0) >= roundTrip, "\(remoteInbound)")
            print("conference stats \(kind): inbound lost \(lost), jitter \(jitter) s; outbound \(outbound["packetsSent"] ?? "?") "
                  + "packets; remote-inbound lost \(remoteInbound["packetsLost"] ?? "?"), fraction \(fractionLost), RTT \(roundTrip) s")
        }
    }
}
