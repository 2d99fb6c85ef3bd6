// A full ICE agent in the controlling role (RFC 8445 §6–§8) with consent freshness
// (RFC 7675), sans-IO: the client side the load harness runs toward an SFU's lite agent.

import RTCWire

/// RFC 8445 full agent in the controlling role toward a (lite or full) peer, with regular
/// nomination and RFC 7675 consent, for one component over one local socket.
///
/// Sans-IO, in the same shape as `ICELiteAgent`: feed datagrams to
/// `handleSTUN(_:from:now:)` and expired deadlines to `handleTimeout(now:)`; after each call
/// drain `pollTransmit(into:)` and `pollEvent()` until they return nil, then arm a timer for
/// `pollTimeout()`. The agent never reads a clock or touches a socket.
///
/// How it connects:
/// - Its only local candidate is the owner's socket, so every check carries the PRIORITY a
///   peer-reflexive candidate of it would have (`checkPriority`, RFC 8445 §5.1.2, §7.1.1),
///   ICE-CONTROLLING with the tie-breaker, USERNAME "<remote ufrag>:<local ufrag>",
///   MESSAGE-INTEGRITY with the remote password and FINGERPRINT.
/// - Checks start one remote candidate at a time, `pacingInterval` (Ta) apart, the first at
///   creation; each is retransmitted after 100 ms, then twice that, up to
///   `maximumRetransmissionTimeout`, `maximumTransmissions` times in all.
/// - Regular nomination (RFC 8445 §8.1.1): the first pair whose check succeeds is checked again
///   with USE-CANDIDATE; when that succeeds the pair is selected and the agent is `connected`.
///   Checks still in flight are abandoned.
/// - A response counts only if it answers an outstanding transaction, comes from the address
///   the request went to, carries a valid FINGERPRINT, and (success) MESSAGE-INTEGRITY with the
///   remote password and XOR-MAPPED-ADDRESS. An error response may come unsigned (400 and 401
///   cannot be signed); 487 fails the agent (a lite peer cannot be controlling, and this agent
///   does not give the role up); other errors fail that check and are counted.
/// - Requests from the peer (a full peer checks too) are answered with a success response
///   signed with the local password, or with 487 if they claim the controlling role, so the
///   peer switches to controlled (RFC 8445 §7.2.5.1). They change nothing else.
/// - Consent (RFC 7675): once connected, a new check on the selected pair every
///   `consentInterval` (randomised ±20 % by a generator seeded from the tie-breaker); each
///   answered one extends consent by `consentTimeout`, and when it lapses the agent fails.
/// - Without a nomination within `connectTimeout` of creation the agent fails; with no
///   remote candidate that is the only way out of `new`.
///
/// Invariants: the state only moves forward (`ICEConnectionState`: `new` → `checking` at the
/// first check → `connected` → `failed`/`closed`); `selectedRemote` is nil until connected and
/// then one of the remote candidates; no call traps on any input or allocates after `init`
/// (candidates, queues and events reserve their storage up front).
public struct ICEControllingAgent: Sendable {
    /// A buffer this size always holds any datagram the agent writes: the largest request
    /// (a USERNAME of the 508 bytes RFC 8489 §14.3 allows, PRIORITY, ICE-CONTROLLING,
    /// USE-CANDIDATE, MESSAGE-INTEGRITY and FINGERPRINT).
    public static let maximumTransmitByteCount = 20 + (4 + maximumUsernameByteCount) + 8 + 12 + 4 + 24 + 8
    /// The longest USERNAME a STUN message may carry (RFC 8489 §14.3): the two fragments and
    /// the colon must fit, or no request can be written and the agent fails at its connect
    /// timeout (every attempt counted in `transmitsUnsent`).
    public static let maximumUsernameByteCount = 508
    /// Remote candidates beyond this many are ignored.
    public static let maximumRemoteCandidates = 8
    /// Most datagrams waiting for `pollTransmit(into:)`; requests from the peer beyond it are
    /// dropped, own checks beyond it are skipped (their retransmission timer still runs).
    public static let transmitQueueCapacity = 24
    /// Ta: the time between the first checks of successive candidates (RFC 8445 §14.2).
    public static let pacingInterval = Duration.milliseconds(20)
    /// The first retransmission timeout; it doubles after each retransmission.
    public static let initialRetransmissionTimeout = Duration.milliseconds(100)
    /// The retransmission timeout stops doubling here.
    public static let maximumRetransmissionTimeout = Duration.milliseconds(1600)
    /// Transmissions of one request, the first included, before it times out.
    public static let maximumTransmissions = 7
    /// PRIORITY of every check: a peer-reflexive candidate (type preference 110) with the
    /// highest local preference (65535) for component 1 (RFC 8445 §5.1.2.1).
    public static let checkPriority: UInt32 = 110 << 24 | 65535 << 8 | (256 - 1)

    public let localCredentials: ICECredentials
    public let remoteCredentials: ICECredentials
    public let tieBreaker: UInt64
    public let configuration: ICEControllingConfiguration
    public private(set) var state = ICEConnectionState.new
    /// The nominated remote candidate: where media goes once `connected`.
    public private(set) var selectedRemote: STUNTransportAddress?
    /// Why the agent failed; nil unless `state == .failed`.
    public private(set) var failure: ICEControllingFailure?
    public internal(set) var counters = ICEControllingCounters()

    let localKey: STUNIntegrityKey
    let remoteKey: STUNIntegrityKey
    /// USERNAME of own requests: "<remote ufrag>:<local ufrag>".
    let requestUsername: [UInt8]
    let localUsernameFragment: [UInt8]
    let remoteUsernameFragment: [UInt8]
    let connectDeadline: Timestamp
    let consentTimeoutNanoseconds: Int64
    let consentIntervalNanoseconds: Int64
    var candidates: [ICEControllingCandidate]
    var nomination: ICEControllingTransaction?
    var consent: ICEControllingTransaction?
    var nextPacedCheckAt: Timestamp
    var nextConsentCheckAt = Timestamp.distantFuture
    var consentDeadline = Timestamp.distantFuture
    var random: ICEControllingRandom
    private var pendingTransmits: [ICEControllingPendingTransmit] = []
    private var events: [ICEEvent] = []

    /// An agent created at `now` that checks `remoteCandidates` (the first
    /// `maximumRemoteCandidates` of them, in order) toward the peer named by
    /// `remoteCredentials`. The first check is queued at once.
    public init(localCredentials: ICECredentials, remoteCredentials: ICECredentials,
                remoteCandidates: [STUNTransportAddress], tieBreaker: UInt64,
                configuration: ICEControllingConfiguration = .init(), now: Timestamp) {
        self.localCredentials = localCredentials
        self.remoteCredentials = remoteCredentials
        self.tieBreaker = tieBreaker
        self.configuration = configuration
        localKey = STUNIntegrityKey(Array(localCredentials.password.utf8))
        remoteKey = STUNIntegrityKey(Array(remoteCredentials.password.utf8))
        localUsernameFragment = Array(localCredentials.usernameFragment.utf8)
        remoteUsernameFragment = Array(remoteCredentials.usernameFragment.utf8)
        requestUsername = remoteUsernameFragment + [UInt8(ascii: ":")] + localUsernameFragment
        connectDeadline = now + configuration.connectTimeout
        consentTimeoutNanoseconds = configuration.consentTimeout.saturatingNanoseconds
        consentIntervalNanoseconds = configuration.consentInterval.saturatingNanoseconds
        candidates = remoteCandidates.prefix(Self.maximumRemoteCandidates).map(ICEControllingCandidate.init)
        nextPacedCheckAt = now
        random = ICEControllingRandom(seed: tieBreaker)
        pendingTransmits.reserveCapacity(Self.transmitQueueCapacity)
        // At most: checking, selectedPairChanged, connected, a failure cause, failed or closed.
        events.reserveCapacity(8)
        handleTimeout(now: now)
    }

    /// The next time `handleTimeout(now:)` has work: the earliest of the connect deadline (or,
    /// once connected, the consent deadline and the next consent check), the next paced check
    /// and every retransmission or transaction timeout; nil once the agent is final.
    public func pollTimeout() -> Timestamp? {
        guard !state.isFinal else { return nil }
        var next: Timestamp
        if state == .connected {
            next = min(consentDeadline, nextConsentCheckAt)
        } else {
            next = connectDeadline
            if candidates.contains(where: { $0.state == .waiting }) { next = min(next, nextPacedCheckAt) }
        }
        for candidate in candidates {
            if let check = candidate.check { next = min(next, check.nextEventAt) }
        }
        if let nomination { next = min(next, nomination.nextEventAt) }
        if let consent { next = min(next, consent.nextEventAt) }
        return next
    }

    /// Does whatever is due at `now`: fails the agent at the connect or consent deadline,
    /// retransmits or times out transactions, starts the next paced check and the next
    /// consent check. Safe to call at any time, as often as wanted.
    public mutating func handleTimeout(now: Timestamp) {
        switch state {
        case .failed, .closed:
            return
        case .new, .checking:
            if now >= connectDeadline {
                fail(.connectTimedOut, cause: .connectTimedOut)
                return
            }
        case .connected:
            if now >= consentDeadline, let remote = selectedRemote {
                fail(.consentExpired, cause: .consentExpired(ICECandidatePair(localInterface: Self.localInterface,
                                                                               remote: remote)))
                return
            }
        }
        serviceTransactions(now: now)
        if state != .connected, now >= nextPacedCheckAt,
           let index = candidates.firstIndex(where: { $0.state == .waiting }) {
            startCheck(on: index, now: now)
            nextPacedCheckAt = now + Self.pacingInterval
        }
        // A consent check still unanswered when the next is due is abandoned: each check is a new
        // transaction (RFC 7675 §5.1).
        if state == .connected, now >= nextConsentCheckAt, let remote = selectedRemote,
           let index = candidates.firstIndex(where: { $0.address == remote }) {
            consent = startTransaction(.consent, on: index, now: now)
            nextConsentCheckAt = now.advanced(byNanoseconds: random.jittered(consentIntervalNanoseconds))
        }
    }

    /// Writes the next queued datagram into `buffer` and says where to send it; nil when
    /// nothing is left. A datagram that does not fit (the buffer is smaller than
    /// `maximumTransmitByteCount`) is discarded and counted in `transmitsUnsent`.
    public mutating func pollTransmit(into buffer: UnsafeMutableRawBufferPointer) -> ICETransmit? {
        while !pendingTransmits.isEmpty {
            let pending = pendingTransmits.removeFirst()
            guard case .success(let byteCount) = write(pending, into: buffer) else {
                counters.transmitsUnsent &+= 1
                continue
            }
            return ICETransmit(destination: pending.destination, localInterface: Self.localInterface,
                               byteCount: byteCount)
        }
        return nil
    }

    /// The oldest event not yet taken, or nil.
    public mutating func pollEvent() -> ICEEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// Closes the agent: queued datagrams are discarded and all later input is dropped.
    public mutating func close() {
        guard !state.isFinal else { return }
        stopEverything()
        enter(.closed)
    }

    // MARK: Used by the STUN processing in ICEControllingAgent+STUN.swift

    /// The agent has one local socket; its transmits and pairs name interface 0.
    static let localInterface = ICELocalInterface(rawValue: 0)

    var hasTransmitRoom: Bool { pendingTransmits.count < Self.transmitQueueCapacity }

    /// Queues `pending`, or counts it unsent when the queue is full.
    mutating func enqueue(_ pending: ICEControllingPendingTransmit) {
        guard hasTransmitRoom else {
            counters.transmitsUnsent &+= 1
            return
        }
        pendingTransmits.append(pending)
    }

    /// Starts a transaction of `purpose` toward candidate `index` and queues its first
    /// transmission.
    mutating func startTransaction(_ purpose: ICEControllingTransaction.Purpose, on index: Int,
                                   now: Timestamp) -> ICEControllingTransaction {
        let transaction = ICEControllingTransaction(id: STUNTransactionID.random(using: &random), candidate: index,
                                                    purpose: purpose, now: now)
        counters.checksSent &+= 1
        enqueue(.request(transaction.id, to: candidates[index].address, useCandidate: transaction.useCandidate))
        return transaction
    }

    /// Nominates candidate `index` (its ordinary check succeeded) with a USE-CANDIDATE check.
    mutating func startNomination(on index: Int, now: Timestamp) {
        nomination = startTransaction(.nomination, on: index, now: now)
    }

    /// Selects candidate `index` after its nomination succeeded at `now`.
    mutating func connect(to index: Int, now: Timestamp) {
        let remote = candidates[index].address
        selectedRemote = remote
        for other in candidates.indices where candidates[other].check != nil {
            candidates[other].check = nil
            candidates[other].state = .failed
        }
        consentDeadline = now.advanced(byNanoseconds: consentTimeoutNanoseconds)
        nextConsentCheckAt = now.advanced(byNanoseconds: random.jittered(consentIntervalNanoseconds))
        events.append(.selectedPairChanged(ICECandidatePair(localInterface: Self.localInterface, remote: remote)))
        enter(.connected)
    }

    mutating func enter(_ newState: ICEConnectionState) {
        guard newState != state else { return }
        state = newState
        events.append(.stateChanged(newState))
    }

    /// Fails the agent for `reason`, reporting `cause` first when there is an event for it.
    mutating func fail(_ reason: ICEControllingFailure, cause: ICEEvent?) {
        stopEverything()
        failure = reason
        if let cause { events.append(cause) }
        enter(.failed)
    }

    // MARK: Private

    private mutating func startCheck(on index: Int, now: Timestamp) {
        if state == .new { enter(.checking) }
        candidates[index].state = .inProgress
        candidates[index].check = startTransaction(.check, on: index, now: now)
    }

    /// Retransmits what is due and ends what timed out.
    private mutating func serviceTransactions(now: Timestamp) {
        for index in candidates.indices {
            guard var check = candidates[index].check else { continue }
            switch check.service(now: now) {
            case .nothing:
                break
            case .retransmit:
                candidates[index].check = check
                retransmit(check)
            case .timedOut:
                candidates[index].check = nil
                candidates[index].state = .failed
            }
        }
        if var pending = nomination {
            switch pending.service(now: now) {
            case .nothing:
                break
            case .retransmit:
                nomination = pending
                retransmit(pending)
            case .timedOut:
                nomination = nil
                candidates[pending.candidate].state = .failed
                nominateNextSucceeded(now: now)
            }
        }
        if var pending = consent {
            switch pending.service(now: now) {
            case .nothing:
                break
            case .retransmit:
                consent = pending
                retransmit(pending)
            case .timedOut:
                consent = nil
            }
        }
    }

    /// After a nomination failed: nominates another pair whose check succeeded, if any.
    mutating func nominateNextSucceeded(now: Timestamp) {
        guard state != .connected, nomination == nil,
              let index = candidates.firstIndex(where: { $0.state == .succeeded })
        else { return }
        startNomination(on: index, now: now)
    }

    private mutating func retransmit(_ transaction: ICEControllingTransaction) {
        counters.retransmissionsSent &+= 1
        enqueue(.request(transaction.id, to: candidates[transaction.candidate].address,
                         useCandidate: transaction.useCandidate))
    }

    private mutating func stopEverything() {
        counters.transmitsUnsent &+= UInt64(pendingTransmits.count)
        pendingTransmits.removeAll(keepingCapacity: true)
        for index in candidates.indices { candidates[index].check = nil }
        nomination = nil
        consent = nil
    }

    private func write(_ pending: ICEControllingPendingTransmit,
                       into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, STUNBuildError> {
        switch pending {
        case .request(let id, _, let useCandidate):
            return requestUsername.withUnsafeBytes { username in
                STUNMessageBuilder.bindingRequest(into: buffer, transactionID: id, username: username,
                                                  priority: Self.checkPriority,
                                                  role: .controlling(tieBreaker: tieBreaker),
                                                  useCandidate: useCandidate, key: remoteKey)
            }
        case .success(let id, let to):
            return STUNMessageBuilder.bindingSuccessResponse(into: buffer, transactionID: id, mappedAddress: to,
                                                             key: localKey)
        case .roleConflict(let id, _):
            return STUNMessageBuilder.bindingErrorResponse(into: buffer, transactionID: id,
                                                           errorCode: .roleConflict, key: localKey)
        }
    }
}

extension ICEControllingAgent: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "controlling ICE agent \(localCredentials.usernameFragment), \(state)"
            + (selectedRemote.map { ", selected \($0)" } ?? "")
    }

    /// Only what is safe to log: the keys derived from the passwords stay hidden.
    public var customMirror: Mirror {
        Mirror(self, children: ["localCredentials": localCredentials, "remoteCredentials": remoteCredentials,
                                "state": state, "selectedRemote": selectedRemote as Any, "counters": counters])
    }
}
