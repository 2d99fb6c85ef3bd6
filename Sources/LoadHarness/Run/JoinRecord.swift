public import LoadModel

/// How one participant's joining went, as the runner saw it: when it made its first API call,
/// which transports it got, and the error that stopped it, if any.
///
/// A participant has joined when media flows: a receiver (a subscriber, or a publisher that
/// also receives) when its receive transport got its first media; a publish-only participant
/// when its publish transport sent its first media. The join time runs from its first API call
/// (for a publisher that also receives: from its subscribe step) to that moment, and must not
/// exceed the connect timeout.
public struct JoinRecord: Sendable, Hashable {
    public var participant: String
    /// Monotonic nanoseconds (`LoadPeerPool.now()`) of the participant's first API call.
    public var startedAt: Int64
    public var publishTransport: Int?
    public var receiveTransport: Int?
    /// For a publisher that also receives: when its subscribe step began.
    public var receiveStartedAt: Int64?
    /// Why a signalling step or the peer pool failed; nil when every step worked.
    public var error: String?

    public init(participant: String, startedAt: Int64, publishTransport: Int? = nil, receiveTransport: Int? = nil,
                receiveStartedAt: Int64? = nil, error: String? = nil) {
        self.participant = participant
        self.startedAt = startedAt
        self.publishTransport = publishTransport
        self.receiveTransport = receiveTransport
        self.receiveStartedAt = receiveStartedAt
        self.error = error
    }

    /// Joined, after how long; or failed, and why.
    public enum Outcome: Sendable, Hashable {
        case joined(nanoseconds: Int64)
        case failed(String)
    }

    /// Judges the participant from its transports' progress (`transports` by number).
    public func outcome(transports: [Int: TransportProgress], connectTimeoutNanoseconds: Int64) -> Outcome {
        if let error { return .failed(error) }
        if let publish = publishTransport, case .failed(let reason)? = transports[publish]?.phase {
            return .failed("publish transport failed: \(reason)")
        }
        let start: Int64
        let firstMedia: Int64?
        let what: String
        if let receive = receiveTransport {
            if case .failed(let reason)? = transports[receive]?.phase { return .failed("receive transport failed: \(reason)") }
            start = receiveStartedAt ?? startedAt
            firstMedia = transports[receive]?.firstMediaReceivedAt
            what = "received"
        } else if let publish = publishTransport {
            start = startedAt
            firstMedia = transports[publish]?.firstMediaSentAt
            what = "sent"
        } else {
            return .failed("no transport was opened")
        }
        let limit = LoadNumberFormat.shortest(Double(connectTimeoutNanoseconds) / 1e9)
        guard let firstMedia else { return .failed("no media \(what) within the connect timeout (\(limit) s)") }
        let elapsed = max(0, firstMedia - start)
        guard elapsed <= connectTimeoutNanoseconds else {
            return .failed("first media \(what) after \(LoadNumberFormat.decimal(Double(elapsed) / 1e9, places: 1)) s, "
                + "beyond the connect timeout (\(limit) s)")
        }
        return .joined(nanoseconds: elapsed)
    }
}
