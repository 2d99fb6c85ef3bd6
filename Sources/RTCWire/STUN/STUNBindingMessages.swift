// The three Binding messages ICE exchanges, each built in one call (RFC 8445 §7.1, §7.3).

extension STUNMessageBuilder {
    /// The role a connectivity check announces, with the sender's tie-breaker.
    ///
    /// Invariant: exactly one of ICE-CONTROLLING and ICE-CONTROLLED is written for it.
    public enum ICERole: Hashable, Sendable {
        case controlling(tieBreaker: UInt64)
        case controlled(tieBreaker: UInt64)
    }

    /// Writes a connectivity check: USERNAME, PRIORITY, ICE-CONTROLLING or ICE-CONTROLLED,
    /// USE-CANDIDATE when nominating, MESSAGE-INTEGRITY and FINGERPRINT. Returns its length.
    public static func bindingRequest(into buffer: UnsafeMutableRawBufferPointer,
                                      transactionID: STUNTransactionID,
                                      username: UnsafeRawBufferPointer,
                                      priority: UInt32,
                                      role: ICERole,
                                      useCandidate: Bool,
                                      key: STUNIntegrityKey) -> Result<Int, STUNBuildError> {
        var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: transactionID)
        builder.appendUsername(username)
        builder.appendPriority(priority)
        switch role {
        case .controlling(let tieBreaker): builder.appendICEControlling(tieBreaker: tieBreaker)
        case .controlled(let tieBreaker): builder.appendICEControlled(tieBreaker: tieBreaker)
        }
        if useCandidate { builder.appendUseCandidate() }
        builder.appendMessageIntegrity(key: key)
        builder.appendFingerprint()
        return builder.finish()
    }

    /// Writes a Binding success response: XOR-MAPPED-ADDRESS (the request's source),
    /// MESSAGE-INTEGRITY and FINGERPRINT. Returns its length.
    public static func bindingSuccessResponse(into buffer: UnsafeMutableRawBufferPointer,
                                              transactionID: STUNTransactionID,
                                              mappedAddress: STUNTransportAddress,
                                              key: STUNIntegrityKey) -> Result<Int, STUNBuildError> {
        var builder = STUNMessageBuilder(into: buffer, type: .bindingSuccessResponse, transactionID: transactionID)
        builder.appendXORMappedAddress(mappedAddress)
        builder.appendMessageIntegrity(key: key)
        builder.appendFingerprint()
        return builder.finish()
    }

    /// Writes a Binding error response: ERROR-CODE with its default reason phrase,
    /// MESSAGE-INTEGRITY when `key` is given (e.g. 487 to an authenticated check; not for
    /// 400 or 401, whose request could not be authenticated), and FINGERPRINT.
    public static func bindingErrorResponse(into buffer: UnsafeMutableRawBufferPointer,
                                            transactionID: STUNTransactionID,
                                            errorCode: STUNErrorCode,
                                            key: STUNIntegrityKey?) -> Result<Int, STUNBuildError> {
        var builder = STUNMessageBuilder(into: buffer, type: .bindingErrorResponse, transactionID: transactionID)
        builder.appendErrorCode(errorCode)
        if let key { builder.appendMessageIntegrity(key: key) }
        builder.appendFingerprint()
        return builder.finish()
    }
}
