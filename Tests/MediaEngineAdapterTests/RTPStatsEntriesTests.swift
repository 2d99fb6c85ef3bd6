import ControlPlane
import DTLS
import ICE
import MediaContract
import MediaServer
import RTCWire
import SDP
import SFUCore
import Testing

@testable import MediaEngineAdapter

/// The RTP entries of a participant's stats report (W3C webrtc-stats names, types and units),
/// made from real transport snapshots: a publisher's received stream with its sender report,
/// and a subscriber's forwarded stream with its receiver report.
@Suite("TransportStatsEntries: inbound-rtp, remote-outbound-rtp, outbound-rtp, remote-inbound-rtp, codec")
struct RTPStatsEntriesTests {
    static let reportTime: Int64 = 1_760_000_000_000

    /// The report's entries by id; each an object.
    static func byID(_ entries: [JSONValue]) -> [String: [String: JSONValue]] {
        var objects: [String: [String: JSONValue]] = [:]
        for case .object(let object) in entries {
            if case .string(let id)? = object["id"] { objects[id] = object }
        }
        return objects
    }

    @Test("publish side: loss, jitter, feedback, last packet time, and the sender report linked both ways")
    func publishSide() throws {
        var publisher = try StatsPublisher()
        try publisher.connect()
        let start = publisher.now
        // 30 ms frames; sequence 3 is lost; arrivals 0, 30, 95 ms (transit -2700, -2700, -2250 ticks).
        for (sequence, at) in [(UInt16(1), Int64(0)), (2, 30), (4, 95)] {
            publisher.now = Timestamp(nanoseconds: start.nanoseconds + at * 1_000_000)
            try publisher.sendRTP(sequence: sequence, timestamp: UInt32(sequence) * 2700)
        }
        publisher.serverSendsPLI()
        let ntp = NTPTimestamp(unixNanoseconds: 1_759_999_999_900_000_000)
        publisher.now = Timestamp(nanoseconds: start.nanoseconds + 200_000_000)
        try publisher.sendRTCP {
            SenderReport.write(into: $0, senderSSRC: StatsPublisher.ssrc, ntpTimestamp: ntp.rawValue, rtpTimestamp: 9000,
                               packetCount: 3, octetCount: 600, reportBlocks: [])
        }
        publisher.now = Timestamp(nanoseconds: start.nanoseconds + 500_000_000)
        let snapshot = try #require(publisher.snapshot)
        let entries = TransportStatsEntries(key: TransportKey(room: "r", participant: "p", role: .publish), snapshot: snapshot,
                                            localCandidates: [], timestamp: Self.reportTime).entries
        let objects = Self.byID(entries)
        let ssrc = StatsPublisher.ssrc.rawValue

        let inbound = try #require(objects["IT_publish_\(ssrc)"], "\(objects.keys.sorted())")
        #expect(inbound["type"] == .string("inbound-rtp"))
        #expect(inbound["packetsReceived"] == .integer(3))
        #expect(inbound["packetsLost"] == .integer(1))
        // D: 0, then 450: the scaled jitter goes 0 → 0 + 450 - 0 = 450; 450 >> 4 = 28 ticks.
        #expect(inbound["jitter"] == .number(28.0 / 90_000))
        #expect(inbound["pliCount"] == .integer(1))
        #expect(inbound["nackCount"] == .integer(0))
        #expect(inbound["firCount"] == .integer(0))
        // The last packet came 405 ms before the snapshot.
        #expect(inbound["lastPacketReceivedTimestamp"] == .integer(Self.reportTime - 405))
        #expect(inbound["remoteId"] == .string("ROT_publish_\(ssrc)"))
        guard case .string(let codecID)? = inbound["codecId"] else {
            Issue.record("no codecId: \(inbound)")
            return
        }
        #expect(objects[codecID]?["mimeType"] == .string("video/VP8"))

        let remote = try #require(objects["ROT_publish_\(ssrc)"])
        #expect(remote["type"] == .string("remote-outbound-rtp"))
        #expect(remote["localId"] == .string("IT_publish_\(ssrc)"))
        #expect(remote["ssrc"] == .integer(Int64(ssrc)))
        #expect(remote["kind"] == .string("video"))
        #expect(remote["packetsSent"] == .integer(3))
        #expect(remote["bytesSent"] == .integer(600))
        #expect(remote["reportsSent"] == .integer(1))
        #expect(remote["remoteTimestamp"] == .integer(1_759_999_999_900))
        // Dated when the report arrived: 300 ms before the snapshot.
        #expect(remote["timestamp"] == .integer(Self.reportTime - 300))
        #expect(remote["transportId"] == .string("T_publish"))
        #expect(remote["codecId"] == .string(codecID))
    }

    @Test("subscribe side: outbound-rtp with its codec, and the receiver report with its round trip")
    func subscribeSide() throws {
        let context = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
        let now = Timestamp(nanoseconds: 20_000_000_000)
        var snapshot = PeerTransport(localCredentials: StatsPublisher.server, dtlsContext: context, now: now).snapshot(at: now)
        var statistics = OutboundStreamStatistics()
        let ntp = NTPTimestamp(unixNanoseconds: 1_760_000_000_000_000_000)
        statistics.recordSenderReportSent(ntp: ntp, at: 18_000_000_000)
        statistics.record(ReportBlock(ssrc: SSRC(4242), fractionLost: 64, cumulativeLost: 3, extendedHighestSequence: 100,
                                      jitter: 480, lastSenderReport: ntp.middle32, delaySinceLastSenderReport: 65536),
                          now: 19_020_000_000)
        var counters = ForwardingCounters()
        counters.packetsForwarded = 50
        counters.bytesForwarded = 5000
        counters.headerBytesForwarded = 600
        snapshot.outboundStreams = [
            OutboundStreamSnapshot(ssrc: SSRC(4242), producer: ProducerID(rawValue: 1), isVideo: false, isPaused: false,
                                   counters: counters, statistics: statistics, payloadType: PayloadType(truncating: 111),
                                   clockRate: 48_000),
            OutboundStreamSnapshot(ssrc: SSRC(4343), producer: ProducerID(rawValue: 2), isVideo: true, isPaused: true,
                                   counters: ForwardingCounters(), statistics: OutboundStreamStatistics(), payloadType: nil,
                                   clockRate: nil),
        ]
        let opus = NegotiatedCodec(payloadType: PayloadType(truncating: 111), role: .media,
                                   rtpmap: RTPMap(encodingName: "opus", clockRate: 48_000, channels: 2),
                                   parameters: FormatParameters(rawValue: "minptime=10;useinbandfec=1"))
        let track = SubscribedTrack(publisher: "pub", publisherMid: Mid("0")!, kind: .audio, mid: Mid("3")!, ssrc: SSRC(4242),
                                    rtxSSRC: nil, payloadTypes: [], extensionIDs: [:], paused: false, codecs: [opus])
        let entries = TransportStatsEntries(key: TransportKey(room: "r", participant: "s", role: .subscribe), snapshot: snapshot,
                                            localCandidates: [], timestamp: Self.reportTime, subscribedTracks: [track]).entries
        let objects = Self.byID(entries)

        let outbound = try #require(objects["OT_subscribe_4242"], "\(objects.keys.sorted())")
        #expect(outbound["type"] == .string("outbound-rtp"))
        #expect(outbound["transportRole"] == .string("subscribe"))
        #expect(outbound["kind"] == .string("audio"))
        #expect(outbound["mid"] == .string("3"))
        #expect(outbound["packetsSent"] == .integer(50))
        #expect(outbound["bytesSent"] == .integer(5000))
        #expect(outbound["headerBytesSent"] == .integer(600))
        #expect(outbound["retransmittedPacketsSent"] == .integer(0))
        #expect(outbound["active"] == .bool(true))
        #expect(outbound["transportId"] == .string("T_subscribe"))
        #expect(outbound["codecId"] == .string("COT_subscribe_111"))
        #expect(outbound["remoteId"] == .string("RIT_subscribe_4242"))

        let codec = try #require(objects["COT_subscribe_111"])
        #expect(codec["type"] == .string("codec"))
        #expect(codec["payloadType"] == .integer(111))
        #expect(codec["mimeType"] == .string("audio/opus"))
        #expect(codec["clockRate"] == .integer(48_000))
        #expect(codec["channels"] == .integer(2))
        #expect(codec["sdpFmtpLine"] == .string("minptime=10;useinbandfec=1"))

        let remote = try #require(objects["RIT_subscribe_4242"])
        #expect(remote["type"] == .string("remote-inbound-rtp"))
        #expect(remote["localId"] == .string("OT_subscribe_4242"))
        #expect(remote["packetsLost"] == .integer(3))
        #expect(remote["fractionLost"] == .number(0.25))
        #expect(remote["jitter"] == .number(0.01))
        // Sent at 18 s, answered at 19.02 s after a 1 s hold: 20 ms.
        #expect(remote["roundTripTime"] == .number(0.02))
        #expect(remote["totalRoundTripTime"] == .number(0.02))
        #expect(remote["roundTripTimeMeasurements"] == .integer(1))
        #expect(remote["timestamp"] == .integer(Self.reportTime - 980))

        // A paused stream with nothing sent: inactive, no codec, no remote entry yet.
        let paused = try #require(objects["OT_subscribe_4343"])
        #expect(paused["active"] == .bool(false))
        #expect(paused["kind"] == .string("video"))
        #expect(paused["codecId"] == nil && paused["remoteId"] == nil && paused["mid"] == nil)
        #expect(objects["RIT_subscribe_4343"] == nil)
        #expect(entries.count == 1 + 2 + 1 + 1, "transport, two outbound-rtp, one remote-inbound-rtp, one codec")
    }
}
