// An ICE-lite agent (RFC 8445 §2.5, §7.3, §8.2) with consent freshness (RFC 7675), sans-IO.

import RTCWire

/// The ICE side of one transport on the SFU: a lite agent, always in the controlled role,
/// that answers the peer's connectivity checks, follows its nominations and watches consent.
///
/// Sans-IO, in str0m's shape: feed datagrams to `handleSTUN(_:from:on:now:)` and expired
/// deadlines to `handleTimeout(now:)`; after each call drain `pollTransmit(into:)` and
/// `pollEvent()` until they return nil, then arm a timer for `pollTimeout()`. The agent never
/// reads a clock or touches a socket; time is a `Timestamp` argument.
///
/// How it decides (see `handleSTUN` for the order of checks on one request):
/// - Checks are answered before the remote credentials are known (RFC 8445 §7.3): a lite
///   agent verifies and signs with its own password only. Once they are known, USERNAME's
///   second half must also match the remote fragment.
/// - The peer must be controlling (RFC 8445 §6.1.1: with a lite peer the full agent takes that
///   role) and a lite agent cannot switch roles. A check with ICE-CONTROLLED gets 487 (Role
///   Conflict), as RFC 8445 §7.3.1.1 answers a controlled peer whose tie-breaker wins over
///   ours, so the full agent switches to controlling and checks again; nothing else changes.
///   A check with neither role attribute is accepted.
/// - The most recent accepted USE-CANDIDATE wins: the first one selects a pair, a later one on
///   another pair (the peer moved or changed network) moves the selection there.
/// - Consent (RFC 7675 as the lite side sees it): each valid check on the selected pair
///   refreshes it; after `consentTimeout` without one the agent reports `consentExpired` and
///   fails. Checks on other pairs are answered but do not count as consent for the selected one.
/// - Without a nomination within `connectTimeout` of creation the agent fails.
/// - `failed` and `closed` are final: all input is dropped, queued responses are discarded.
///
/// Invariants: `selectedPair` is nil until the first nomination and then always one of the
/// tracked valid pairs' values; the state only moves forward (`ICEConnectionState`); no call
/// traps or allocates per check (queues and the pair table reserve their storage up front).
public struct ICELiteAgent: Sendable {
    /// Most responses waiting for `pollTransmit(into:)`; checks beyond it are dropped.
    public static let transmitQueueCapacity = 16
    /// The largest response the agent writes (a 420 with UNKNOWN-ATTRIBUTES,
    /// MESSAGE-INTEGRITY and FINGERPRINT); a buffer this size always suffices.
    public static let maximumTransmitByteCount = 88

    public let localCredentials: ICECredentials
    public private(set) var remoteCredentials: ICECredentials?
    public let configuration: ICEAgentConfiguration
    public private(set) var state = ICEConnectionState.new
    /// The pair media goes to: the most recently nominated one.
    public private(set) var selectedPair: ICECandidatePair?
    public internal(set) var counters = ICECounters()

    let localKey: STUNIntegrityKey
    let localUsernameFragment: [UInt8]
    private(set) var remoteUsernameFragment: [UInt8]?
    let connectDeadline: Timestamp
    let consentTimeoutNanoseconds: Int64
    /// When the selected pair loses consent; meaningful while `connected`.
    var consentDeadline = Timestamp.distantFuture
    var pairs: ICECandidatePairTable
    private var pendingResponses: [PendingResponse] = []
    private var events: [ICEEvent] = []

    /// An agent created at `now`, answering checks that name `localCredentials`.
    public init(localCredentials: ICECredentials, remoteCredentials: ICECredentials? = nil,
                configuration: ICEAgentConfiguration = ICEAgentConfiguration(), now: Timestamp) {
        self.localCredentials = localCredentials
        self.configuration = configuration
        localKey = STUNIntegrityKey(Array(localCredentials.password.utf8))
        localUsernameFragment = Array(localCredentials.usernameFragment.utf8)
        connectDeadline = now + configuration.connectTimeout
        consentTimeoutNanoseconds = configuration.consentTimeout.saturatingNanoseconds
        pairs = ICECandidatePairTable(capacity: configuration.maximumCandidatePairs)
        pendingResponses.reserveCapacity(Self.transmitQueueCapacity)
        // At most: checking, selectedPairChanged (coalesced), connected, a failure cause,
        // failed or closed.
        events.reserveCapacity(8)
        if let remoteCredentials { setRemoteCredentials(remoteCredentials) }
    }

    /// Sets the peer's credentials from its SDP (they may arrive after the first checks).
    public mutating func setRemoteCredentials(_ credentials: ICECredentials) {
        remoteCredentials = credentials
        remoteUsernameFragment = Array(credentials.usernameFragment.utf8)
    }

    /// True when `pair` is a valid pair that still holds consent at `now`: the selected pair
    /// while the agent is connected, any other pair while its last valid check is less than
    /// `consentTimeout` old. The owner may accept media from such a pair (RFC 8445 §12.2),
    /// even before it is selected; once the peer has moved away from an address (a network
    /// change nominated another pair) the old pair stops being valid when its consent lapses
    /// (RFC 7675 §5.1), so its datagrams are no longer taken. Always false once the agent is
    /// failed or closed.
    public func isValid(_ pair: ICECandidatePair, at now: Timestamp) -> Bool {
        guard !state.isFinal, let entry = pairs.entry(for: pair) else { return false }
        if pair == selectedPair, state == .connected { return now < consentDeadline }
        return now.nanoseconds(since: entry.lastValidCheck) < consentTimeoutNanoseconds
    }

    /// The pairs the agent has seen valid checks on (whether or not they still hold consent),
    /// for stats.
    public var validPairs: [ICEValidPair] { pairs.entries }

    /// The next time `handleTimeout(now:)` has work: the connect deadline before nomination,
    /// the consent deadline after; nil once the agent is final.
    public func pollTimeout() -> Timestamp? {
        switch state {
        case .new, .checking: connectDeadline
        case .connected: consentDeadline
        case .failed, .closed: nil
        }
    }

    /// Fails the agent if the deadline `pollTimeout()` named has been reached at `now`.
    public mutating func handleTimeout(now: Timestamp) {
        switch state {
        case .new, .checking:
            if now >= connectDeadline { fail(cause: .connectTimedOut) }
        case .connected:
            if now >= consentDeadline, let pair = selectedPair { fail(cause: .consentExpired(pair)) }
        case .failed, .closed:
            break
        }
    }

    /// Writes the next queued response into `buffer` and says where to send it; nil when
    /// nothing is left. A response that does not fit (the buffer is smaller than
    /// `maximumTransmitByteCount`) is discarded and counted in `responsesUnsent`.
    public mutating func pollTransmit(into buffer: UnsafeMutableRawBufferPointer) -> ICETransmit? {
        while !pendingResponses.isEmpty {
            let response = pendingResponses.removeFirst()
            guard case .success(let byteCount) = response.write(into: buffer, key: localKey) else {
                counters.responsesUnsent &+= 1
                continue
            }
            if response.isSuccess {
                counters.successResponsesSent &+= 1
            } else {
                counters.errorResponsesSent &+= 1
            }
            return ICETransmit(destination: response.pair.remote, localInterface: response.pair.localInterface,
                               byteCount: byteCount)
        }
        return nil
    }

    /// The oldest event not yet taken, or nil.
    public mutating func pollEvent() -> ICEEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// Closes the agent: queued responses are discarded and all later input is dropped.
    public mutating func close() {
        guard !state.isFinal else { return }
        discardPendingResponses()
        enter(.closed)
    }

    // MARK: State changes (used by the check processing in ICELiteAgent+BindingRequest.swift)

    /// Whether another response fits in the transmit queue.
    var hasTransmitRoom: Bool { pendingResponses.count < Self.transmitQueueCapacity }

    /// Queues `response`; the caller checked `hasTransmitRoom`.
    mutating func enqueue(_ response: PendingResponse) {
        pendingResponses.append(response)
    }

    mutating func enter(_ newState: ICEConnectionState) {
        guard newState != state else { return }
        state = newState
        events.append(.stateChanged(newState))
    }

    /// Makes `pair` the selected pair, reporting it unless it already was.
    mutating func select(_ pair: ICECandidatePair) {
        guard pair != selectedPair else { return }
        selectedPair = pair
        counters.nominations &+= 1
        // Only the latest selection matters to the owner: replace one not yet taken.
        if let index = events.firstIndex(where: { if case .selectedPairChanged = $0 { true } else { false } }) {
            events[index] = .selectedPairChanged(pair)
        } else {
            events.append(.selectedPairChanged(pair))
        }
    }

    private mutating func fail(cause: ICEEvent) {
        discardPendingResponses()
        events.append(cause)
        enter(.failed)
    }

    private mutating func discardPendingResponses() {
        counters.responsesUnsent &+= UInt64(pendingResponses.count)
        pendingResponses.removeAll(keepingCapacity: true)
    }
}

extension ICELiteAgent: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "ICE-lite agent \(localCredentials.usernameFragment), \(state)"
            + (selectedPair.map { ", selected \($0)" } ?? "")
    }

    /// Only what is safe to log: the key material derived from the password stays hidden
    /// from `dump` and test failure messages.
    public var customMirror: Mirror {
        Mirror(self, children: ["localCredentials": localCredentials, "state": state,
                                "selectedPair": selectedPair as Any, "counters": counters])
    }
}
