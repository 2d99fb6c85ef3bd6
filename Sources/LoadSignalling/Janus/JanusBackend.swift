public import LoadModel
import Synchronization

/// Janus 1.1's VideoRoom plugin over the HTTP API (long poll) as a `ConferenceBackend`, so the
/// same scenario runs against Janus and Switchboard.
///
/// One Janus session serves the whole run (`JanusSession`: long poll, keep-alives); a control
/// handle creates and destroys rooms; each participant gets a handle to publish on and one to
/// subscribe on. A publisher joins and publishes in one `joinandconfigure` (offer in, answer
/// out, feed id chosen here); a subscriber joins with the publishers' feeds (Janus's offer out)
/// and `start`s with its answer.
///
/// Invariants: room numbers and feed ids start at a random base per backend, so two runs on one
/// Janus never collide; every call is bounded by `requestTimeout` (a subscription waits at most
/// that long for its publishers' feeds, which Janus offers only once their PeerConnections are
/// up); after `close` every call fails.
public final class JanusBackend: ConferenceBackend {
    /// A VideoRoom room of the run.
    public struct Room: Sendable, Hashable {
        public let number: UInt64
    }

    /// A participant: its room, the run's name for it, its feed id (used once it publishes) and
    /// the handles it was given.
    public struct Participant: Sendable, Hashable {
        public let room: UInt64
        public let name: String
        public let feed: UInt64
        let publisherHandle: UInt64?
        let subscriberHandle: UInt64?
    }

    /// VideoRoom's "No such feed": the publisher's PeerConnection is not up yet.
    static let noSuchFeed = 428

    public var serverKind: String { "janus" }

    private let session: JanusSession
    private let controlHandle: UInt64
    private let requestTimeout: Duration
    private let roomBase: UInt64
    private let feeds: Atomic<UInt64>

    /// Opens a Janus session at `url` (the API's base, e.g. `http://127.0.0.1:8088/janus`).
    public init(url: String, requestTimeout: Duration = .seconds(10)) async throws(SignallingError) {
        let client = HTTPClient(endpoint: try HTTPEndpoint(url: url), timeout: requestTimeout)
        let session = try await JanusSession.open(client: client)
        do {
            controlHandle = try await session.attach(step: "attach the control handle")
        } catch {
            await session.close()
            throw error
        }
        self.session = session
        self.requestTimeout = requestTimeout
        roomBase = UInt64.random(in: 1_000_000...1_000_000_000)
        feeds = Atomic(UInt64.random(in: 1_000_000...1_000_000_000_000))
    }

    public func createRoom(index: Int, participants: Int) async throws(SignallingError) -> Room {
        let number = roomBase + UInt64(max(index, 0))
        let body: [String: Any] = [
            "request": "create", "room": Int(number), "description": "switchboard-load \(index)",
            "publishers": max(participants, 1), "videocodec": "vp8", "audiocodec": "opus",
            "bitrate": 0, "permanent": false, "notify_joining": false,
        ]
        _ = try await session.message(to: controlHandle, body: body, step: "create room \(index)")
        return Room(number: number)
    }

    /// Attaches the handles the participant needs (`data` changes nothing: VideoRoom has no
    /// per-participant data permission; data flows when the publisher's offer has a data section).
    public func join(_ room: Room, name: String, publishes: Bool, subscribes: Bool, data: Bool)
        async throws(SignallingError) -> Participant
    {
        let publisherHandle = publishes ? try await session.attach(step: "attach \(name)'s publisher handle") : nil
        var subscriberHandle: UInt64?
        if subscribes {
            do {
                subscriberHandle = try await session.attach(step: "attach \(name)'s subscriber handle")
            } catch {
                if let publisherHandle { await session.detach(publisherHandle) }
                throw error
            }
        }
        let feed = feeds.add(1, ordering: .relaxed).newValue
        return Participant(room: room.number, name: name, feed: feed, publisherHandle: publisherHandle, subscriberHandle: subscriberHandle)
    }

    public func publish(_ participant: Participant, offer: String) async throws(SignallingError) -> String {
        let step = "publish \(participant.name)"
        guard let handle = participant.publisherHandle else {
            throw .refused(step: step, status: 0, message: "\(participant.name) joined without publishing")
        }
        let body: [String: Any] = [
            "request": "joinandconfigure", "ptype": "publisher", "room": Int(participant.room),
            "id": Int(participant.feed), "display": participant.name,
        ]
        let reply = try await session.message(to: handle, body: body, jsep: ("offer", offer), step: step)
        guard reply.jsepType == "answer", let answer = reply.jsepSDP else {
            throw .malformed(step: step, reason: "no SDP answer in the \"\(reply.videoRoom?.videoroom ?? reply.janus)\" event")
        }
        return answer
    }

    public func subscribe(_ participant: Participant, to publishers: [Participant]) async throws(SignallingError) -> String {
        let step = "subscribe \(participant.name)"
        guard let handle = participant.subscriberHandle else {
            throw .refused(step: step, status: 0, message: "\(participant.name) joined without subscribing")
        }
        let feeds = publishers.filter { $0.publisherHandle != nil && $0.room == participant.room && $0.feed != participant.feed }
        guard !feeds.isEmpty else { throw .refused(step: step, status: 0, message: "no publisher to subscribe to") }
        let body: [String: Any] = [
            "request": "join", "ptype": "subscriber", "room": Int(participant.room),
            "streams": feeds.map { ["feed": Int($0.feed)] },
        ]
        let deadline = ContinuousClock.now + requestTimeout
        while true {
            do throws(SignallingError) {
                let reply = try await session.message(to: handle, body: body, step: step)
                guard reply.jsepType == "offer", let offer = reply.jsepSDP else {
                    throw .malformed(step: step, reason: "no SDP offer in the \"\(reply.videoRoom?.videoroom ?? reply.janus)\" event")
                }
                return offer
            } catch {
                // Janus offers a feed only once its publisher's PeerConnection is up.
                guard case .refused(_, let status, _) = error, status == Self.noSuchFeed, ContinuousClock.now < deadline else {
                    throw error
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    public func acceptSubscription(_ participant: Participant, answer: String) async throws(SignallingError) {
        let step = "subscribe answer of \(participant.name)"
        guard let handle = participant.subscriberHandle else {
            throw .refused(step: step, status: 0, message: "\(participant.name) joined without subscribing")
        }
        _ = try await session.message(to: handle, body: ["request": "start"], jsep: ("answer", answer), step: step)
    }

    public func leave(_ participant: Participant) async {
        if let handle = participant.subscriberHandle { await session.detach(handle) }
        if let handle = participant.publisherHandle { await session.detach(handle) }
    }

    public func destroy(_ room: Room) async {
        _ = try? await session.message(to: controlHandle, body: ["request": "destroy", "room": Int(room.number)], step: "destroy room")
    }

    public func close() async {
        await session.close()
    }
}
