public import LoadModel
public import RTCWire

/// A publisher of the run: its room, its participant name and everything it sends.
///
/// Invariants: `streams` follow the payload types and mids every part of the harness agrees on
/// (audio: Opus PT 111, mid "0"; video: VP8 PT 96, mid "1", with simulcast three layers "h",
/// "m", "l" in that section); `dataChannelStream` is set exactly when the scenario has a data
/// channel.
public struct PublisherPlan: Sendable, Hashable {
    public var room: Int
    public var name: String
    public var streams: [OutgoingStream]
    public var dataChannelStream: ProbeStreamID?
    /// This publisher also receives the other publishers of its room.
    public var receives: Bool
}

/// A receive-only participant of the run.
public struct SubscriberPlan: Sendable, Hashable {
    public var room: Int
    public var name: String
}

/// Who takes part in a run and what they send: every publisher with its streams, every
/// receive-only subscriber, room by room.
///
/// Invariants: probe stream numbers run from 1 without gaps over all publishers' streams (data
/// channels included); every SSRC is random, non-zero and unique in the run; names are unique
/// and valid identifiers for both servers (`r<room>-p<n>`, `r<room>-s<n>`).
public struct RunPlan: Sendable {
    public static let audioPayloadType = PayloadType(rawValue: 111)!
    public static let videoPayloadType = PayloadType(rawValue: 96)!
    public static let audioMid = Mid("0")!
    public static let videoMid = Mid("1")!
    public static let simulcastLayers: [(rid: Rid, divisor: Int)] = [(Rid("h")!, 1), (Rid("m")!, 3), (Rid("l")!, 10)]

    /// Room by room, publishers in order.
    public let publishers: [PublisherPlan]
    /// Room by room.
    public let subscribers: [SubscriberPlan]

    /// Plans `scenario` with SSRCs drawn from `random`.
    public init(scenario: LoadScenario, random: inout some RandomNumberGenerator) {
        var ssrcs = Set<UInt32>()
        func freshSSRC() -> SSRC {
            while true {
                let value = UInt32.random(in: 1...UInt32.max, using: &random)
                if ssrcs.insert(value).inserted { return SSRC(value) }
            }
        }
        var nextStream: UInt32 = 1
        func freshStream() -> ProbeStreamID {
            defer { nextStream += 1 }
            return ProbeStreamID(rawValue: nextStream)
        }
        let audioBitsPerSecond = scenario.audioProfile.packetsPerSecond * 8
            * (scenario.audioProfile.minimumPayloadBytes + scenario.audioProfile.maximumPayloadBytes) / 2
        var publishers: [PublisherPlan] = []
        var subscribers: [SubscriberPlan] = []
        for room in 0..<scenario.rooms {
            for index in 0..<scenario.publishersPerRoom {
                var streams: [OutgoingStream] = []
                if scenario.audio {
                    streams.append(OutgoingStream(
                        kind: .audio, probeStream: freshStream(), ssrc: freshSSRC(), payloadType: Self.audioPayloadType,
                        clockRate: 48_000, mid: Self.audioMid, rid: nil, bitsPerSecond: audioBitsPerSecond))
                }
                if scenario.video {
                    let rate = scenario.videoProfile.bitsPerSecond
                    if scenario.videoProfile.simulcast {
                        for layer in Self.simulcastLayers {
                            streams.append(OutgoingStream(
                                kind: .video, probeStream: freshStream(), ssrc: freshSSRC(), payloadType: Self.videoPayloadType,
                                clockRate: 90_000, mid: Self.videoMid, rid: layer.rid, bitsPerSecond: max(1, rate / layer.divisor)))
                        }
                    } else {
                        streams.append(OutgoingStream(
                            kind: .video, probeStream: freshStream(), ssrc: freshSSRC(), payloadType: Self.videoPayloadType,
                            clockRate: 90_000, mid: Self.videoMid, rid: nil, bitsPerSecond: rate))
                    }
                }
                let dataStream = scenario.dataChannel == nil ? nil : freshStream()
                publishers.append(PublisherPlan(
                    room: room, name: "r\(room)-p\(index)", streams: streams, dataChannelStream: dataStream,
                    receives: scenario.publishersReceive))
            }
            for index in 0..<scenario.subscribersPerRoom {
                subscribers.append(SubscriberPlan(room: room, name: "r\(room)-s\(index)"))
            }
        }
        self.publishers = publishers
        self.subscribers = subscribers
    }

    /// The probe streams that are simulcast layers.
    public var simulcastLayers: Set<ProbeStreamID> {
        Set(publishers.flatMap(\.streams).filter { $0.rid != nil }.map(\.probeStream))
    }

    /// The plan a publisher's transport runs once the server answered with `extensions`.
    public static func publishPlan(for publisher: PublisherPlan, extensions: HeaderExtensionIDs,
                                   scenario: LoadScenario) -> PublishPlan {
        PublishPlan(
            streams: publisher.streams, extensions: extensions, audio: scenario.audioProfile, video: scenario.videoProfile,
            dataChannel: scenario.dataChannel, dataChannelStream: publisher.dataChannelStream,
            injectedLossRatio: scenario.injectedLoss)
    }
}
