// Responses waiting to be sent, and the datagram description the owner gets for each.

import RTCWire

/// One datagram the agent wrote into the owner's buffer: send its first `byteCount` bytes to
/// `destination` from the socket `localInterface` names.
///
/// Invariant: `byteCount` is at most `ICELiteAgent.maximumTransmitByteCount`.
public struct ICETransmit: Hashable, Sendable, CustomStringConvertible {
    public let destination: STUNTransportAddress
    public let localInterface: ICELocalInterface
    public let byteCount: Int

    public var description: String { "\(byteCount) bytes to \(destination) via \(localInterface)" }
}

/// Why a request gets an error response; each case is one ERROR-CODE.
enum ICERejection: Hashable, Sendable {
    /// 400: USERNAME or MESSAGE-INTEGRITY missing (unauthenticated).
    case badRequest
    /// 401: MESSAGE-INTEGRITY does not verify (unauthenticated).
    case unauthorized
    /// 420: the request carries this unknown comprehension-required attribute.
    case unknownAttribute(STUNAttributeType)
    /// 487: the peer claims the controlled role too.
    case roleConflict

    var code: STUNErrorCode {
        switch self {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .unknownAttribute: .unknownAttribute
        case .roleConflict: .roleConflict
        }
    }

    /// True when the request verified, so the response carries MESSAGE-INTEGRITY; RFC 8489
    /// §9.1.3 forbids it on 400 and 401.
    var isAuthenticated: Bool {
        switch self {
        case .badRequest, .unauthorized: false
        case .unknownAttribute, .roleConflict: true
        }
    }
}

/// A response decided but not yet written: the agent queues this small value and writes the
/// bytes only when the owner polls, straight into the owner's buffer, so answering a check
/// allocates nothing.
///
/// Invariant: only answers to requests whose MESSAGE-INTEGRITY verified with the local
/// password (`.success` and authenticated rejections) carry MESSAGE-INTEGRITY.
struct PendingResponse: Sendable {
    enum Kind: Sendable {
        /// Binding success with XOR-MAPPED-ADDRESS of the request's source.
        case success
        case error(ICERejection)
    }

    let pair: ICECandidatePair
    let transactionID: STUNTransactionID
    let kind: Kind

    var isSuccess: Bool {
        if case .success = kind { return true }
        return false
    }

    /// Writes the response into `buffer`, authenticated with `key` where the kind allows.
    func write(into buffer: UnsafeMutableRawBufferPointer, key: STUNIntegrityKey) -> Result<Int, STUNBuildError> {
        switch kind {
        case .success:
            return STUNMessageBuilder.bindingSuccessResponse(into: buffer, transactionID: transactionID,
                                                              mappedAddress: pair.remote, key: key)
        case .error(.unknownAttribute(let type)):
            var builder = STUNMessageBuilder(into: buffer, type: .bindingErrorResponse, transactionID: transactionID)
            builder.appendErrorCode(.unknownAttribute)
            withUnsafeBytes(of: type.rawValue.bigEndian) { builder.append(.unknownAttributes, value: $0) }
            builder.appendMessageIntegrity(key: key)
            builder.appendFingerprint()
            return builder.finish()
        case .error(let rejection):
            return STUNMessageBuilder.bindingErrorResponse(into: buffer, transactionID: transactionID,
                                                            errorCode: rejection.code,
                                                            key: rejection.isAuthenticated ? key : nil)
        }
    }
}
