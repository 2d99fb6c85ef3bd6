import ControlPlane
import MediaContract
import RTCWire
import SDP
import SFUCore

// The sending side of a transport's stats: W3C `outbound-rtp` per stream the worker forwards
// on it, `remote-inbound-rtp` per stream its subscriber reported on (RFC 3550 report blocks and
// the round trips they measured against the server's sender reports), and `codec` per payload
// type sent, described as the subscriber's answer kept it.
extension TransportStatsEntries {
    private func outboundID(_ ssrc: SSRC) -> String { "OT_\(prefix)_\(ssrc.rawValue)" }
    private func remoteInboundID(_ ssrc: SSRC) -> String { "RIT_\(prefix)_\(ssrc.rawValue)" }
    private func outboundCodecID(_ payloadType: PayloadType) -> String { "COT_\(prefix)_\(payloadType.rawValue)" }

    /// One forwarded stream with what the subscription says of it.
    private struct Stream {
        let snapshot: OutboundStreamSnapshot
        let track: SubscribedTrack?
        /// The codec of the latest packet sent, as the subscriber's answer kept it.
        let codec: NegotiatedCodec?

        var kind: MediaKind { track?.kind ?? (snapshot.isVideo ? .video : .audio) }
    }

    private var forwardedStreams: [Stream] {
        snapshot.outboundStreams.map { stream in
            let track = subscribedTracks.first { $0.ssrc == stream.ssrc }
            let codec = stream.payloadType.flatMap { payloadType in track?.codecs.first { $0.payloadType == payloadType } }
            return Stream(snapshot: stream, track: track, codec: codec)
        }
    }

    /// `outbound-rtp`, `remote-inbound-rtp` and `codec` entries of the forwarded streams.
    var outboundEntries: [JSONValue] {
        let streams = forwardedStreams
        var entries = streams.map(outbound)
        entries += streams.compactMap(remoteInbound)
        var seen = Set<PayloadType>()
        for stream in streams {
            guard let codec = stream.codec, seen.insert(codec.payloadType).inserted else { continue }
            entries.append(outboundCodec(codec, kind: stream.kind))
        }
        return entries
    }

    private func outbound(_ stream: Stream) -> JSONValue {
        let counters = stream.snapshot.counters
        let statistics = stream.snapshot.statistics
        var fields: [String: JSONValue] = [
            "ssrc": .integer(Int64(stream.snapshot.ssrc.rawValue)),
            "kind": .string("\(stream.kind)"),
            "transportId": .string(transportID),
            "packetsSent": Self.integer(counters.packetsForwarded),
            "bytesSent": Self.integer(counters.bytesForwarded),
            "headerBytesSent": Self.integer(counters.headerBytesForwarded),
            "retransmittedPacketsSent": Self.integer(statistics.retransmittedPacketsSent),
            "retransmittedBytesSent": Self.integer(statistics.retransmittedBytesSent),
            "nackCount": Self.integer(statistics.nackCount),
            "pliCount": Self.integer(statistics.pliCount),
            "firCount": Self.integer(statistics.firCount),
            "active": .bool(!stream.snapshot.isPaused),
        ]
        if let track = stream.track { fields["mid"] = .string(track.mid.value) }
        if let codec = stream.codec { fields["codecId"] = .string(outboundCodecID(codec.payloadType)) }
        if statistics.latestReport != nil { fields["remoteId"] = .string(remoteInboundID(stream.snapshot.ssrc)) }
        return entry("outbound-rtp", id: outboundID(stream.snapshot.ssrc), fields)
    }

    /// What the subscriber's latest report block about the stream said, with the round trips.
    private func remoteInbound(_ stream: Stream) -> JSONValue? {
        let statistics = stream.snapshot.statistics
        guard let block = statistics.latestReport else { return nil }
        let clockRate = stream.codec?.rtpmap.clockRate ?? stream.snapshot.clockRate ?? 0
        var fields: [String: JSONValue] = [
            "ssrc": .integer(Int64(stream.snapshot.ssrc.rawValue)),
            "kind": .string("\(stream.kind)"),
            "transportId": .string(transportID),
            "localId": .string(outboundID(stream.snapshot.ssrc)),
            "packetsLost": .integer(Int64(block.cumulativeLost)),
            "fractionLost": .number(Double(block.fractionLost) / 256),
            "jitter": .number(clockRate == 0 ? 0 : Double(block.jitter) / Double(clockRate)),
            "roundTripTimeMeasurements": Self.integer(statistics.roundTripTimeMeasurements),
            "totalRoundTripTime": .number(Self.seconds(statistics.totalRoundTripTime)),
        ]
        if let codec = stream.codec { fields["codecId"] = .string(outboundCodecID(codec.payloadType)) }
        if let roundTrip = statistics.roundTripTime { fields["roundTripTime"] = .number(Self.seconds(roundTrip)) }
        return entry("remote-inbound-rtp", id: remoteInboundID(stream.snapshot.ssrc),
                     timestamp: unixMilliseconds(statistics.latestReportAt), fields)
    }

    private func outboundCodec(_ codec: NegotiatedCodec, kind: MediaKind) -> JSONValue {
        var fields: [String: JSONValue] = [
            "payloadType": .integer(Int64(codec.payloadType.rawValue)),
            "mimeType": .string(codec.mimeType(kind: kind)),
            "clockRate": .integer(Int64(codec.rtpmap.clockRate)),
            "transportId": .string(transportID),
        ]
        if let channels = codec.rtpmap.channels { fields["channels"] = .integer(Int64(channels)) }
        if let parameters = codec.parameters { fields["sdpFmtpLine"] = .string(parameters.rawValue) }
        return entry("codec", id: outboundCodecID(codec.payloadType), fields)
    }

    /// Monotonic nanoseconds as seconds.
    static func seconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1_000_000_000 }
}
