internal import CUsrsctp

/// The usrsctp notifications (`MSG_NOTIFICATION` reads, RFC 6458 §6.1) an association
/// subscribes to, read from their raw bytes in host byte order.
///
/// Invariant: `parse` never traps: a notification shorter than its fixed part, or whose
/// stated length runs past the bytes read, gives nil.
enum SCTPNotification: Equatable, Sendable {
    /// `SCTP_ASSOC_CHANGE`: `state` is one of `SCTP_COMM_UP`, `SCTP_COMM_LOST`,
    /// `SCTP_RESTART`, `SCTP_SHUTDOWN_COMP`, `SCTP_CANT_STR_ASSOC`; `peerAborted` when the
    /// notification carries the peer's ABORT chunk (usrsctp attaches it only then).
    case associationChange(state: UInt16, outboundStreams: UInt16, inboundStreams: UInt16, peerAborted: Bool)
    /// `SCTP_SHUTDOWN_EVENT`: the peer sent SHUTDOWN.
    case peerShutdown
    /// `SCTP_STREAM_RESET_EVENT`: `flags` are `SCTP_STREAM_RESET_*`; empty `streams`: all.
    case streamReset(flags: UInt16, streams: [UInt16])
    /// `SCTP_PARTIAL_DELIVERY_EVENT` with `SCTP_PARTIAL_DELIVERY_ABORTED`: the message being
    /// delivered in parts will not be completed (PR-SCTP abandoned it).
    case partialDeliveryAborted
    /// Any other notification (usrsctp sends a few without a subscription).
    case other(type: UInt16)

    /// The chunk type of ABORT (RFC 9260 §3.3.7).
    static let abortChunkType: UInt8 = 6

    static func parse(_ bytes: UnsafeRawBufferPointer) -> SCTPNotification? {
        let headerLength = 8
        guard bytes.count >= headerLength else { return nil }
        let type = bytes.loadUnaligned(fromByteOffset: 0, as: UInt16.self)
        let length = Int(bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        guard length >= headerLength, length <= bytes.count else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<length])
        switch Int32(type) {
        case SCTP_ASSOC_CHANGE: return associationChange(body)
        case SCTP_SHUTDOWN_EVENT: return .peerShutdown
        case SCTP_STREAM_RESET_EVENT: return streamReset(body)
        case SCTP_PARTIAL_DELIVERY_EVENT: return partialDelivery(body)
        default: return .other(type: type)
        }
    }

    private static func associationChange(_ body: UnsafeRawBufferPointer) -> SCTPNotification? {
        let fixedLength = MemoryLayout<sctp_assoc_change>.size
        guard body.count >= fixedLength,
              let stateOffset = MemoryLayout<sctp_assoc_change>.offset(of: \.sac_state),
              let outboundOffset = MemoryLayout<sctp_assoc_change>.offset(of: \.sac_outbound_streams),
              let inboundOffset = MemoryLayout<sctp_assoc_change>.offset(of: \.sac_inbound_streams)
        else { return nil }
        let state = body.loadUnaligned(fromByteOffset: stateOffset, as: UInt16.self)
        let peerAborted = Int32(state) == SCTP_COMM_LOST && body.count > fixedLength && body[fixedLength] == abortChunkType
        return .associationChange(
            state: state,
            outboundStreams: body.loadUnaligned(fromByteOffset: outboundOffset, as: UInt16.self),
            inboundStreams: body.loadUnaligned(fromByteOffset: inboundOffset, as: UInt16.self),
            peerAborted: peerAborted)
    }

    private static func streamReset(_ body: UnsafeRawBufferPointer) -> SCTPNotification? {
        let fixedLength = MemoryLayout<sctp_stream_reset_event>.size
        guard body.count >= fixedLength,
              let flagsOffset = MemoryLayout<sctp_stream_reset_event>.offset(of: \.strreset_flags)
        else { return nil }
        let flags = body.loadUnaligned(fromByteOffset: flagsOffset, as: UInt16.self)
        let count = (body.count - fixedLength) / 2
        var streams: [UInt16] = []
        streams.reserveCapacity(count)
        for index in 0..<count {
            streams.append(body.loadUnaligned(fromByteOffset: fixedLength + 2 * index, as: UInt16.self))
        }
        return .streamReset(flags: flags, streams: streams)
    }

    private static func partialDelivery(_ body: UnsafeRawBufferPointer) -> SCTPNotification? {
        guard body.count >= MemoryLayout<sctp_pdapi_event>.size,
              let indicationOffset = MemoryLayout<sctp_pdapi_event>.offset(of: \.pdapi_indication)
        else { return nil }
        let indication = body.loadUnaligned(fromByteOffset: indicationOffset, as: UInt32.self)
        return Int32(indication) == SCTP_PARTIAL_DELIVERY_ABORTED ? .partialDeliveryAborted : .other(type: UInt16(SCTP_PARTIAL_DELIVERY_EVENT))
    }
}
