// How an ICE-lite agent processes one received STUN datagram (RFC 8489 §6.3, §9.1.3;
// RFC 8445 §7.3, §7.3.2; RFC 7675).

import RTCWire

extension ICELiteAgent {
    /// Processes a STUN datagram that arrived from `source` on `localInterface` at `now`.
    ///
    /// The checks, in order (the first that applies decides; only steps 1 and 10 change state):
    /// 1. A deadline already passed at `now` is handled first, so the outcome does not depend
    ///    on whether the owner called `handleTimeout` before; a failed or closed agent drops.
    /// 2. Not well-formed STUN → dropped. Not a Binding request → dropped (indications are
    ///    keep-alives; this agent sends no requests, so there are no responses to match).
    /// 3. FINGERPRINT present and wrong → dropped silently (absent is tolerated).
    /// 4. USERNAME or MESSAGE-INTEGRITY missing → 400, unauthenticated (RFC 8489 §9.1.3).
    /// 5. USERNAME not "<local ufrag>:<remote ufrag>" → dropped silently. RFC 8489 would answer
    ///    401, but the worker routes STUN by fragment, so such a check belongs to no session
    ///    here and answering it would only help a scanner.
    /// 6. MESSAGE-INTEGRITY does not verify with the local password → 401, without
    ///    MESSAGE-INTEGRITY (RFC 8489 §9.1.3).
    /// 7. An unknown comprehension-required attribute → 420 listing it (RFC 8489 §6.3.1.1).
    /// 8. ICE-CONTROLLED present → 487 (see the type's documentation).
    /// 9. No room in the transmit queue or the pair table → dropped.
    /// 10. Otherwise the check is valid: the pair is recorded, a success response with
    ///     XOR-MAPPED-ADDRESS = `source`, MESSAGE-INTEGRITY and FINGERPRINT is queued to
    ///     `source` via `localInterface`, and state, nomination and consent are updated.
    @discardableResult
    public mutating func handleSTUN(_ bytes: UnsafeRawBufferPointer, from source: STUNTransportAddress,
                                    on localInterface: ICELocalInterface, now: Timestamp) -> ICEInputOutcome {
        handleTimeout(now: now)
        let pair = ICECandidatePair(localInterface: localInterface, remote: source)
        let outcome = process(bytes, on: pair, now: now)
        switch outcome {
        case .accepted: counters.requestsAccepted &+= 1
        case .rejected: break
        case .dropped(let reason): counters.count(reason)
        }
        return outcome
    }

    private mutating func process(_ bytes: UnsafeRawBufferPointer, on pair: ICECandidatePair,
                                  now: Timestamp) -> ICEInputOutcome {
        guard !state.isFinal else { return .dropped(.agentInactive) }
        let message: STUNMessage
        switch STUNMessage.parse(bytes) {
        case .success(let parsed): message = parsed
        case .failure(let error): return .dropped(.malformed(error))
        }
        guard message.messageType == .bindingRequest else { return .dropped(.notBindingRequest) }
        counters.requestsReceived &+= 1
        if message.attribute(.fingerprint) != nil, !message.verifyFingerprint() {
            return .dropped(.badFingerprint)
        }
        let transactionID = message.transactionID
        guard let username = message.username, Self.hasIntegrityAttribute(message) else {
            return reject(.badRequest, pair, transactionID)
        }
        guard namesThisSession(username) else { return .dropped(.unknownUsername) }
        switch message.verifyIntegrity(key: localKey) {
        case .valid:
            break
        case .absent:
            return reject(.badRequest, pair, transactionID)
        case .mismatch, .malformed:
            return reject(.unauthorized, pair, transactionID)
        }
        if let unknown = message.firstUnknownComprehensionRequiredAttribute {
            return reject(.unknownAttribute(unknown), pair, transactionID)
        }
        if message.attribute(.iceControlled) != nil {
            return reject(.roleConflict, pair, transactionID)
        }
        guard hasTransmitRoom else { return .dropped(.transmitQueueFull) }
        guard pairs.recordValidCheck(on: pair, at: now, priority: message.priority,
                                        staleAfterNanoseconds: consentTimeoutNanoseconds) else {
            return .dropped(.candidatePairTableFull)
        }
        enqueue(PendingResponse(pair: pair, transactionID: transactionID, kind: .success))
        accept(on: pair, nominating: message.useCandidate, now: now)
        return .accepted
    }

    /// Updates state for a valid check on `pair` (RFC 8445 §7.3.2, §8.2; RFC 7675).
    private mutating func accept(on pair: ICECandidatePair, nominating: Bool, now: Timestamp) {
        if state == .new { enter(.checking) }
        if nominating { select(pair) }
        guard pair == selectedPair else { return }
        consentDeadline = now.advanced(byNanoseconds: consentTimeoutNanoseconds)
        enter(.connected)
    }

    /// Queues the error response for `rejection` and counts it; nothing else changes.
    private mutating func reject(_ rejection: ICERejection, _ pair: ICECandidatePair,
                                 _ transactionID: STUNTransactionID) -> ICEInputOutcome {
        guard hasTransmitRoom else { return .dropped(.transmitQueueFull) }
        enqueue(PendingResponse(pair: pair, transactionID: transactionID, kind: .error(rejection)))
        switch rejection {
        case .badRequest: counters.rejectedBadRequest &+= 1
        case .unauthorized: counters.rejectedUnauthorized &+= 1
        case .unknownAttribute: counters.rejectedUnknownAttribute &+= 1
        case .roleConflict: counters.rejectedRoleConflict &+= 1
        }
        return .rejected(rejection.code)
    }

    /// True when `username` is "<local ufrag>:<sender>" and the sender is the remote
    /// fragment, or anything non-empty while the remote credentials are unknown.
    private func namesThisSession(_ username: UnsafeRawBufferPointer) -> Bool {
        guard let fragments = ICEUsernameFragments(splitting: username),
              fragments.recipient.elementsEqual(localUsernameFragment)
        else { return false }
        guard let remoteUsernameFragment else { return true }
        return fragments.sender.elementsEqual(remoteUsernameFragment)
    }

    private static func hasIntegrityAttribute(_ message: STUNMessage) -> Bool {
        message.attribute(.messageIntegrity) != nil || message.attribute(.messageIntegritySHA256) != nil
    }
}
