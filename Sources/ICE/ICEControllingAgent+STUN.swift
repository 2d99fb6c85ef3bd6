// How a controlling ICE agent processes one received STUN datagram: responses to its own
// checks (RFC 8445 §7.2.5, RFC 7675) and checks from the peer (RFC 8445 §7.3).

import RTCWire

extension ICEControllingAgent {
    /// Processes a STUN datagram that arrived from `source` at `now`.
    ///
    /// Deadlines already passed at `now` are handled first (as `handleTimeout(now:)` would),
    /// so the outcome does not depend on whether the owner called it before; a failed or closed
    /// agent drops everything. Then, in order:
    /// 1. Not well-formed STUN, or not a Binding request or response → dropped.
    /// 2. A request: FINGERPRINT present and wrong, USERNAME other than
    ///    "<local ufrag>:<remote ufrag>", or MESSAGE-INTEGRITY not verifying with the local
    ///    password → dropped. Otherwise answered: 487 if it carries ICE-CONTROLLING, else a
    ///    success response with XOR-MAPPED-ADDRESS = `source`.
    /// 3. A response: it must answer an outstanding transaction, carry a valid FINGERPRINT,
    ///    come from the address the request went to, and verify with the remote password
    ///    (error responses may carry no MESSAGE-INTEGRITY); a success response must carry
    ///    XOR-MAPPED-ADDRESS. Then the transaction ends: a check's success starts the
    ///    nomination (unless one runs), the nomination's success connects, a consent check's
    ///    success extends consent; 487 fails the agent, another error fails that check.
    @discardableResult
    public mutating func handleSTUN(_ bytes: UnsafeRawBufferPointer, from source: STUNTransportAddress,
                                    now: Timestamp) -> ICEControllingInput {
        handleTimeout(now: now)
        let outcome = process(bytes, from: source, now: now)
        if case .dropped = outcome { counters.dropped &+= 1 }
        return outcome
    }

    private mutating func process(_ bytes: UnsafeRawBufferPointer, from source: STUNTransportAddress,
                                  now: Timestamp) -> ICEControllingInput {
        guard !state.isFinal else { return .dropped(.agentInactive) }
        let message: STUNMessage
        switch STUNMessage.parse(bytes) {
        case .success(let parsed): message = parsed
        case .failure(let error): return .dropped(.malformed(error))
        }
        guard message.messageType.method == .binding else { return .dropped(.notBindingMessage) }
        switch message.messageType.messageClass {
        case .request: return answer(message, from: source)
        case .indication: return .dropped(.notBindingMessage)
        case .successResponse, .errorResponse: return handleResponse(message, from: source, now: now)
        }
    }

    // MARK: Requests from the peer

    private mutating func answer(_ message: STUNMessage, from source: STUNTransportAddress) -> ICEControllingInput {
        if message.attribute(.fingerprint) != nil, !message.verifyFingerprint() {
            return .dropped(.badFingerprint)
        }
        guard let fragments = message.iceUsernameFragments,
              fragments.recipient.elementsEqual(localUsernameFragment),
              fragments.sender.elementsEqual(remoteUsernameFragment)
        else { return .dropped(.unknownUsername) }
        guard message.verifyIntegrity(key: localKey).isValid else { return .dropped(.badIntegrity) }
        guard hasTransmitRoom else { return .dropped(.transmitQueueFull) }
        if message.attribute(.iceControlling) != nil {
            enqueue(.roleConflict(message.transactionID, to: source))
        } else {
            enqueue(.success(message.transactionID, to: source))
        }
        counters.requestsAnswered &+= 1
        return .answeredRequest
    }

    // MARK: Responses to own checks

    /// Which outstanding transaction a response answers.
    private enum Slot {
        case check(Int)
        case nomination
        case consent
    }

    private func outstanding(_ id: STUNTransactionID) -> (Slot, ICEControllingTransaction)? {
        if let nomination, nomination.id == id { return (.nomination, nomination) }
        if let consent, consent.id == id { return (.consent, consent) }
        for index in candidates.indices {
            if let check = candidates[index].check, check.id == id { return (.check(index), check) }
        }
        return nil
    }

    private mutating func handleResponse(_ message: STUNMessage, from source: STUNTransportAddress,
                                         now: Timestamp) -> ICEControllingInput {
        guard let (slot, transaction) = outstanding(message.transactionID) else {
            return .dropped(.unknownTransaction)
        }
        guard message.verifyFingerprint() else { return .dropped(.badFingerprint) }
        guard source == candidates[transaction.candidate].address else { return .dropped(.unexpectedSource) }
        let integrity = message.verifyIntegrity(key: remoteKey)
        if message.messageType.messageClass == .errorResponse {
            guard integrity.isValid || integrity == .absent else { return .dropped(.badIntegrity) }
            counters.errorResponsesReceived &+= 1
            if message.errorCode == .roleConflict {
                fail(.roleConflict, cause: nil)
            } else {
                end(slot, succeeded: false, now: now)
            }
            return .accepted
        }
        guard integrity.isValid else { return .dropped(.badIntegrity) }
        guard message.xorMappedAddress != nil else { return .dropped(.missingMappedAddress) }
        counters.successResponsesReceived &+= 1
        end(slot, succeeded: true, now: now)
        return .accepted
    }

    /// Ends the transaction in `slot` with its outcome.
    private mutating func end(_ slot: Slot, succeeded: Bool, now: Timestamp) {
        switch slot {
        case .check(let index):
            candidates[index].check = nil
            candidates[index].state = succeeded ? .succeeded : .failed
            if succeeded, state != .connected, nomination == nil { startNomination(on: index, now: now) }
        case .nomination:
            guard let index = nomination?.candidate else { return }
            nomination = nil
            if succeeded {
                connect(to: index, now: now)
            } else {
                candidates[index].state = .failed
                nominateNextSucceeded(now: now)
            }
        case .consent:
            consent = nil
            if succeeded { consentDeadline = now.advanced(byNanoseconds: consentTimeoutNanoseconds) }
        }
    }
}
