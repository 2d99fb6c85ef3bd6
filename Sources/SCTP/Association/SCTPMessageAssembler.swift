/// Joins the parts usrsctp delivers a large message in (reads without `MSG_EOR`) into one
/// message, and discards a message whole once it passes the size limit.
///
/// On a one-to-one socket usrsctp never interleaves two messages' parts (no I-DATA, fragment
/// interleave level below 2), so the parts of one message arrive back to back.
///
/// Invariants: a message that completes is at most `limit` bytes; an oversize message keeps no
/// bytes once it passed the limit (its remaining parts are only counted, then dropped).
struct SCTPMessageAssembler {
    /// What a part completed.
    enum Outcome: Equatable {
        /// More parts are to come.
        case incomplete
        /// A whole message of at most `limit` bytes.
        case message([UInt8])
        /// A whole message over `limit` ended; its bytes were discarded.
        case oversize
    }

    let limit: Int
    private var parts: [UInt8] = []
    private var isAssembling = false
    private var isOversize = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes the next part of the current message (`isLast`: it carried `MSG_EOR`).
    mutating func take(_ part: UnsafeRawBufferPointer, isLast: Bool) -> Outcome {
        if !isAssembling && isLast {
            return part.count > limit ? .oversize : .message(Array(part))
        }
        isAssembling = true
        if !isOversize {
            if part.count > limit - parts.count {
                isOversize = true
                parts = []
            } else {
                parts.append(contentsOf: part)
            }
        }
        guard isLast else { return .incomplete }
        let outcome: Outcome = isOversize ? .oversize : .message(parts)
        abandon()
        return outcome
    }

    /// Forgets a message in progress (its delivery was aborted, or the association ended).
    mutating func abandon() {
        parts = []
        isAssembling = false
        isOversize = false
    }
}
