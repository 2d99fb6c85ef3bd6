import ControlPlane
import MediaContract
import MediaServer
import RTCWire
import ICE
import SDP
import SFUCore

/// One transport's snapshot as W3C webrtc-stats dictionaries: `transport`, `candidate-pair`
/// per valid pair with its `local-candidate` and `remote-candidate`, `inbound-rtp` per received
/// SSRC (an RTX stream is folded into its section's primary stream as `retransmitted…`) with
/// its `remote-outbound-rtp` once its sender reported, `codec` per payload type received; on a
/// subscribe transport `outbound-rtp` per forwarded stream with its `remote-inbound-rtp` once
/// the subscriber reported, and `codec` per payload type sent (`TransportStatsEntries+Outbound`).
///
/// Invariants: ids are unique within one participant's report (they carry the transport role);
/// every `codecId`, `remoteId`, `localId` and `transportId` names an entry of the same report.
/// Times are Unix milliseconds, jitter and round-trip times seconds, fractions 0...1.
struct TransportStatsEntries {
    let key: TransportKey
    let snapshot: PeerTransportSnapshot
    /// The worker's host candidates, in socket order.
    let localCandidates: [HostCandidate]
    let timestamp: Int64
    /// What a subscribe transport receives (its sections and codecs), by SSRC.
    var subscribedTracks: [SubscribedTrack] = []

    var entries: [JSONValue] {
        var entries = [transport]
        entries += candidateEntries
        entries += inboundStreams
        entries += remoteOutboundStreams
        entries += codecs
        entries += outboundEntries
        return entries
    }

    var prefix: String { key.role.rawValue }
    var transportID: String { "T_\(prefix)" }

    /// An entry of `type` with the common members; `timestamp` defaults to the report's (a
    /// remote entry's is when its report arrived).
    func entry(_ type: String, id: String, timestamp: Int64? = nil, _ fields: [String: JSONValue]) -> JSONValue {
        var object = fields
        object["id"] = .string(id)
        object["type"] = .string(type)
        object["timestamp"] = .integer(timestamp ?? self.timestamp)
        object["transportRole"] = .string(prefix)
        return .object(object)
    }

    /// `value` as a JSON integer (counters wrap at 2^64; JSON readers see the low 63 bits).
    static func integer(_ value: UInt64) -> JSONValue { .integer(Int64(truncatingIfNeeded: value)) }

    private var transport: JSONValue {
        let counters = snapshot.counters
        var fields: [String: JSONValue] = [
            "bytesSent": .integer(Int64(truncatingIfNeeded: counters.bytesSent)),
            "bytesReceived": .integer(Int64(truncatingIfNeeded: counters.bytesReceived)),
            "packetsSent": .integer(Int64(truncatingIfNeeded: counters.datagramsSent)),
            "packetsReceived": .integer(Int64(truncatingIfNeeded: counters.datagramsReceived)),
            "dtlsState": .string(snapshot.dtlsState.rawValue),
            "iceState": .string("\(snapshot.iceState)"),
            "iceRole": .string("controlled"),
            "dtlsRole": .string("server"),
            "srtpAuthenticationFailures": .integer(Int64(truncatingIfNeeded: counters.srtpAuthenticationFailures)),
            "srtpReplayedPackets": .integer(Int64(truncatingIfNeeded: counters.srtpReplays)),
            "srtpOtherFailures": .integer(Int64(truncatingIfNeeded: counters.srtpOtherFailures)),
            "rtcpPacketsReceived": .integer(Int64(truncatingIfNeeded: counters.rtcpReceived)),
            "unknownSSRCPacketsDiscarded": .integer(Int64(truncatingIfNeeded: counters.droppedUnknownSSRC)),
            // Drops by cause (not in webrtc-stats): datagrams from an address without a valid,
            // consented pair; RTP/RTCP before the keys; what did not parse.
            "unverifiedSourcePacketsDiscarded": .integer(Int64(truncatingIfNeeded: counters.droppedUnverifiedSource)),
            "packetsDiscardedBeforeKeys": .integer(Int64(truncatingIfNeeded: counters.droppedBeforeKeys)),
            "malformedRTPPacketsDiscarded": .integer(Int64(truncatingIfNeeded: counters.droppedMalformedRTP)),
            "malformedSTUNPacketsDiscarded": .integer(Int64(truncatingIfNeeded: snapshot.iceCounters.droppedMalformed)),
            "unclassifiedPacketsDiscarded": .integer(Int64(truncatingIfNeeded: counters.droppedUnclassified)),
        ]
        if let selected = snapshot.selectedPair { fields["selectedCandidatePairId"] = .string(pairID(selected)) }
        if let profile = snapshot.srtpProfile { fields["srtpCipher"] = .string(profile.ianaName) }
        if let cipher = snapshot.dtlsCipher { fields["dtlsCipher"] = .string(cipher) }
        // webrtc-stats: the negotiated version as four uppercase hex digits ("FEFD" for DTLS 1.2).
        if let version = snapshot.dtlsVersion { fields["tlsVersion"] = .string(Self.hex(version)) }
        if let failure = snapshot.dtlsFailure { fields["dtlsFailure"] = .string(failure) }
        return entry("transport", id: transportID, fields)
    }

    /// `version` as four uppercase hex digits.
    static func hex(_ version: UInt16) -> String {
        let digits = String(version, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func codecID(_ payloadType: UInt8) -> String { "CIT_\(prefix)_\(payloadType)" }
    private func inboundID(_ ssrc: SSRC) -> String { "IT_\(prefix)_\(ssrc.rawValue)" }
    private func remoteOutboundID(_ ssrc: SSRC) -> String { "ROT_\(prefix)_\(ssrc.rawValue)" }

    /// The primary (not RTX) streams of sections still negotiated.
    private var primaryStreams: [InboundStreamCounters] {
        guard let media = snapshot.media else { return [] }
        return snapshot.streams.filter { !$0.isRetransmission && media.sections.indices.contains($0.section) }
    }

    private var inboundStreams: [JSONValue] {
        guard let media = snapshot.media else { return [] }
        let retransmissions = snapshot.streams.filter(\.isRetransmission)
        return primaryStreams.map { stream in
            let section = media.sections[stream.section]
            let rtx = retransmissions.filter { $0.section == stream.section }
            var fields: [String: JSONValue] = [
                "ssrc": .integer(Int64(stream.ssrc.rawValue)),
                "kind": .string("\(section.kind)"),
                "mid": .string(section.mid.value),
                "transportId": .string(transportID),
                "packetsReceived": .integer(Int64(truncatingIfNeeded: stream.packetsReceived)),
                "bytesReceived": .integer(Int64(truncatingIfNeeded: stream.bytesReceived)),
                "headerBytesReceived": .integer(Int64(truncatingIfNeeded: stream.headerBytesReceived)),
                "retransmittedPacketsReceived": .integer(Int64(truncatingIfNeeded: rtx.reduce(0) { $0 &+ $1.packetsReceived })),
                "retransmittedBytesReceived": .integer(Int64(truncatingIfNeeded: rtx.reduce(0) { $0 &+ $1.bytesReceived })),
                // RFC 3550 A.3 and A.8; the feedback the server sent the publisher about the stream.
                "packetsLost": .integer(stream.reception.packetsLost),
                "jitter": .number(stream.reception.jitterSeconds),
                "nackCount": Self.integer(stream.nackCount),
                "pliCount": Self.integer(stream.pliCount),
                "firCount": Self.integer(stream.firCount),
            ]
            if let payloadType = stream.lastPayloadType { fields["codecId"] = .string(codecID(payloadType.rawValue)) }
            if stream.packetsReceived > 0 {
                fields["lastPacketReceivedTimestamp"] = .integer(unixMilliseconds(stream.lastPacketReceivedAt))
            }
            if stream.remoteSender != nil { fields["remoteId"] = .string(remoteOutboundID(stream.ssrc)) }
            return entry("inbound-rtp", id: inboundID(stream.ssrc), fields)
        }
    }

    /// A `remote-outbound-rtp` per primary stream whose sender sent a report: what it said.
    private var remoteOutboundStreams: [JSONValue] {
        guard let media = snapshot.media else { return [] }
        return primaryStreams.compactMap { stream in
            guard let report = stream.remoteSender else { return nil }
            var fields: [String: JSONValue] = [
                "ssrc": .integer(Int64(stream.ssrc.rawValue)),
                "kind": .string("\(media.sections[stream.section].kind)"),
                "transportId": .string(transportID),
                "localId": .string(inboundID(stream.ssrc)),
                "packetsSent": .integer(Int64(report.packetCount)),
                "bytesSent": .integer(Int64(report.octetCount)),
                "remoteTimestamp": .integer(report.ntpTimestamp.unixMilliseconds),
                "reportsSent": Self.integer(report.reportsReceived),
            ]
            if let payloadType = stream.lastPayloadType { fields["codecId"] = .string(codecID(payloadType.rawValue)) }
            return entry("remote-outbound-rtp", id: remoteOutboundID(stream.ssrc), timestamp: unixMilliseconds(report.receivedAt),
                         fields)
        }
    }

    private var codecs: [JSONValue] {
        guard let media = snapshot.media else { return [] }
        var seen = Set<UInt8>()
        var entries: [JSONValue] = []
        for stream in primaryStreams {
            guard let payloadType = stream.lastPayloadType, seen.insert(payloadType.rawValue).inserted,
                  let codec = media.codec(payloadType, inSection: stream.section)
            else { continue }
            let kind = media.sections[stream.section].kind
            var fields: [String: JSONValue] = [
                "payloadType": .integer(Int64(payloadType.rawValue)),
                "mimeType": .string(codec.mimeType(kind: kind)),
                "clockRate": .integer(Int64(codec.rtpmap.clockRate)),
                "transportId": .string(transportID),
            ]
            if let channels = codec.rtpmap.channels { fields["channels"] = .integer(Int64(channels)) }
            if let parameters = codec.parameters { fields["sdpFmtpLine"] = .string(parameters.rawValue) }
            entries.append(entry("codec", id: codecID(payloadType.rawValue), fields))
        }
        return entries
    }
}
