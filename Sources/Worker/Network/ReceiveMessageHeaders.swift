import Glibc
import RTCWire
internal import CSwitchboardShims

/// The `recvmmsg` side of a `UDPSocket`: `capacity` message headers, one iovec and one
/// `sockaddr_storage` each, allocated once and re-pointed at the batch's slots on every call.
///
/// Invariants: header `i` always names `addresses + i` and `iovecs + i` (one iovec); only the
/// iovec targets, name lengths and flags change per call. No allocation after `init`.
final class ReceiveMessageHeaders {
    let capacity: Int
    private let headers: UnsafeMutablePointer<CSwitchboardShims_mmsghdr>
    private let iovecs: UnsafeMutablePointer<iovec>
    private let addresses: UnsafeMutablePointer<sockaddr_storage>
    /// Where datagrams go when the pool is exhausted: one byte, so the kernel truncates and drops.
    private let discard: UnsafeMutableRawPointer

    init(capacity: Int) {
        self.capacity = capacity
        headers = .allocate(capacity: capacity)
        iovecs = .allocate(capacity: capacity)
        iovecs.initialize(repeating: iovec(), count: capacity)
        addresses = .allocate(capacity: capacity)
        addresses.initialize(repeating: sockaddr_storage(), count: capacity)
        discard = .allocate(byteCount: 1, alignment: 1)
        for index in 0..<capacity {
            var header = CSwitchboardShims_mmsghdr()
            header.msg_hdr.msg_name = UnsafeMutableRawPointer(addresses + index)
            header.msg_hdr.msg_iov = iovecs + index
            header.msg_hdr.msg_iovlen = 1
            (headers + index).initialize(to: header)
        }
    }

    deinit {
        headers.deallocate()
        iovecs.deallocate()
        addresses.deallocate()
        discard.deallocate()
    }

    /// Reads up to `min(capacity, batch.capacity)` datagrams from `descriptor` into `batch`.
    func receive(
        on descriptor: Int32, into batch: inout ReceivedBatch, counters: inout UDPSocketCounters
    ) -> ReceiveOutcome {
        batch.count = 0
        let armed = batch.arm(upTo: capacity)
        guard armed > 0 else { return discardQueued(on: descriptor, counters: &counters) }
        for index in 0..<armed {
            let buffer = batch.receiveBuffer(at: index)
            iovecs[index] = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
            resetHeader(index)
        }
        let outcome = Syscall.attempt {
            CSwitchboardShims_recvmmsg(descriptor, headers, UInt32(armed), 0, nil)
        }
        guard case .completed(let received) = outcome, received > 0 else { return Self.failure(outcome, counters: &counters) }
        counters.receiveCalls &+= 1
        var kept = 0
        for index in 0..<received {
            let header = headers[index]
            if header.msg_hdr.msg_flags & Int32(MSG_TRUNC) != 0 {
                counters.truncatedDrops &+= 1
                continue
            }
            guard let source = STUNTransportAddress(
                socketAddress: addresses + index, length: Int(header.msg_hdr.msg_namelen)
            ) else {
                counters.unknownSourceDrops &+= 1
                continue
            }
            let length = Int(header.msg_len)
            batch.keep(from: index, to: kept, length: length, source: source)
            counters.bytesReceived &+= length
            kept += 1
        }
        batch.count = kept
        counters.datagramsReceived &+= kept
        return .received(datagrams: received)
    }

    /// With no buffer to receive into, reads the queued datagrams into a one-byte buffer so the
    /// kernel drops them (counted), instead of leaving the socket readable forever.
    private func discardQueued(on descriptor: Int32, counters: inout UDPSocketCounters) -> ReceiveOutcome {
        for index in 0..<capacity {
            iovecs[index] = iovec(iov_base: discard, iov_len: 1)
            resetHeader(index)
        }
        let outcome = Syscall.attempt {
            CSwitchboardShims_recvmmsg(descriptor, headers, UInt32(capacity), 0, nil)
        }
        guard case .completed(let received) = outcome, received > 0 else { return Self.failure(outcome, counters: &counters) }
        counters.receiveCalls &+= 1
        counters.noBufferDrops &+= received
        return .received(datagrams: received)
    }

    @inline(__always)
    private func resetHeader(_ index: Int) {
        headers[index].msg_hdr.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
        headers[index].msg_hdr.msg_flags = 0
        headers[index].msg_len = 0
    }

    private static func failure(_ outcome: SyscallOutcome, counters: inout UDPSocketCounters) -> ReceiveOutcome {
        switch outcome {
        case .completed, .wouldBlock:
            return .wouldBlock
        case .failed(let code):
            counters.receiveErrors &+= 1
            return .failed(errno: code)
        }
    }
}
