/// The outcome of protecting or unprotecting one packet in place.
///
/// Cheap to return and to switch on: the packet path counts these, it never throws. A result
/// other than `.ok` leaves the packet unusable (the caller drops it).
public enum SRTPResult: Sendable, Equatable {
    /// Success; the packet now occupies the first `length` bytes of the buffer.
    case ok(length: Int)
    /// Unprotect: the packet index was already received or is behind the replay window.
    case replayed
    /// Unprotect: the authentication tag did not verify (tampered, wrong key, or not SRTP).
    case authenticationFailed
    /// The buffer cannot hold the packet plus the trailer protection appends, or `length`
    /// exceeds the buffer; libsrtp was not called.
    case bufferTooSmall
    /// libsrtp refused the packet for another reason (e.g. `bad_param` for a malformed header).
    case failed(SRTPStatus)
}
