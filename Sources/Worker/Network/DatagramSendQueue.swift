import Glibc
import RTCWire
internal import CSwitchboardShims

/// The send side of a `UDPSocket`: datagrams are staged into preallocated `sendmmsg` headers and
/// flushed with as few system calls as the kernel allows. When segmentation offload is on,
/// consecutive datagrams to the same destination whose sizes equal the first one's (the last may
/// be shorter) share one message with a `UDP_SEGMENT` control message: the kernel splits it back
/// into separate datagrams, which costs one pass through the stack instead of one per datagram.
///
/// Invariants: `datagramCount <= capacity` and `messageCount <= datagramCount`; message `m`
/// covers iovecs `first..<first+count` of its bookkeeping entry; a segmented message has at most
/// `maxSegments` datagrams and `maxSegmentedBytes` bytes. No allocation after `init`.
final class DatagramSendQueue {
    /// Datagrams one flush can carry.
    let capacity: Int
    /// Whether staging may build `UDP_SEGMENT` messages (turned off for good if the kernel
    /// reports the route cannot do it).
    private(set) var segmentationEnabled: Bool
    private(set) var datagramCount = 0
    private var messageCount = 0

    /// The kernel's `UDP_MAX_SEGMENTS` was 64 for years (newer kernels allow more); 64 works on
    /// every kernel that has UDP GSO.
    static let maxSegments = 64
    /// The largest UDP payload over IPv4 (65535 - 20 - 8).
    static let maxSegmentedBytes = 65_507

    private struct Message {
        var firstDatagram: Int
        var datagramCount: Int
        var segmentSize: Int
        var lastLength: Int
        var totalBytes: Int
        var destination: STUNTransportAddress
    }

    private let headers: UnsafeMutablePointer<CSwitchboardShims_mmsghdr>
    private let iovecs: UnsafeMutablePointer<iovec>
    private let addresses: UnsafeMutablePointer<sockaddr_storage>
    private let messages: UnsafeMutablePointer<Message>
    private let controls: UnsafeMutableRawPointer
    private let controlSpace: Int

    init(capacity: Int, segmentation: Bool) {
        self.capacity = capacity
        segmentationEnabled = segmentation
        headers = .allocate(capacity: capacity)
        headers.initialize(repeating: CSwitchboardShims_mmsghdr(), count: capacity)
        iovecs = .allocate(capacity: capacity)
        iovecs.initialize(repeating: iovec(), count: capacity)
        addresses = .allocate(capacity: capacity)
        addresses.initialize(repeating: sockaddr_storage(), count: capacity)
        messages = .allocate(capacity: capacity)
        controlSpace = CSwitchboardShims_udp_segment_cmsg_space()
        controls = .allocate(byteCount: controlSpace * capacity, alignment: 16)
    }

    deinit {
        headers.deallocate()
        iovecs.deallocate()
        addresses.deallocate()
        messages.deallocate()
        controls.deallocate()
    }

    /// Adds one datagram; false when `capacity` datagrams are already staged (flush first).
    /// `bytes` must stay valid until the next `flush`.
    @inline(__always)
    func stage(_ bytes: UnsafeRawBufferPointer, to destination: STUNTransportAddress) -> Bool {
        guard datagramCount < capacity else { return false }
        let length = bytes.count
        iovecs[datagramCount] = iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: length)
        if segmentationEnabled, messageCount > 0, extendLastMessage(length: length, destination: destination) {
            datagramCount += 1
            return true
        }
        (messages + messageCount).initialize(to: Message(
            firstDatagram: datagramCount, datagramCount: 1, segmentSize: length,
            lastLength: length, totalBytes: length, destination: destination))
        headers[messageCount].msg_hdr.msg_namelen = destination.write(to: addresses + messageCount)
        messageCount += 1
        datagramCount += 1
        return true
    }

    /// Whether a datagram of `length` bytes to `destination` can join the last message as one
    /// more segment; updates that message if so.
    @inline(__always)
    private func extendLastMessage(length: Int, destination: STUNTransportAddress) -> Bool {
        let last = messages + (messageCount - 1)
        guard last.pointee.destination == destination,
              length > 0, length <= last.pointee.segmentSize,
              last.pointee.lastLength == last.pointee.segmentSize,
              last.pointee.datagramCount < Self.maxSegments,
              last.pointee.totalBytes + length <= Self.maxSegmentedBytes
        else { return false }
        last.pointee.datagramCount += 1
        last.pointee.lastLength = length
        last.pointee.totalBytes += length
        return true
    }

    /// Sends everything staged on `descriptor` and empties the queue. A full socket buffer drops
    /// the rest of the flush; any other error drops only the message it names.
    func flush(on descriptor: Int32) -> SendReport {
        var report = SendReport()
        guard messageCount > 0 else { return report }
        for index in 0..<messageCount { prepareHeader(index) }
        var start = 0
        while start < messageCount {
            let outcome = Syscall.attempt {
                CSwitchboardShims_sendmmsg(descriptor, headers + start, UInt32(messageCount - start), 0)
            }
            report.systemCalls += 1
            switch outcome {
            case .completed(let sent) where sent > 0:
                for index in start..<(start + sent) {
                    report.sent += messages[index].datagramCount
                    report.bytesSent += messages[index].totalBytes
                    if messages[index].datagramCount > 1 { report.segmentedMessages += 1 }
                }
                start += sent
            case .completed, .wouldBlock:
                for index in start..<messageCount { report.dropped += messages[index].datagramCount }
                report.lastErrno = EAGAIN
                start = messageCount
            case .failed(let code):
                if messages[start].datagramCount > 1 && Self.mayBeSegmentationFailure(code) {
                    sendSegmentsSeparately(start, failure: code, on: descriptor, report: &report)
                } else {
                    report.dropped += messages[start].datagramCount
                    report.lastErrno = code
                }
                start += 1
            }
        }
        messageCount = 0
        datagramCount = 0
        return report
    }

    @inline(__always)
    private func prepareHeader(_ index: Int) {
        let message = messages[index]
        headers[index].msg_hdr.msg_name = UnsafeMutableRawPointer(addresses + index)
        headers[index].msg_hdr.msg_iov = iovecs + message.firstDatagram
        headers[index].msg_hdr.msg_iovlen = message.datagramCount
        headers[index].msg_hdr.msg_flags = 0
        if message.datagramCount > 1 {
            let control = controls + index * controlSpace
            headers[index].msg_hdr.msg_control = control
            headers[index].msg_hdr.msg_controllen = CSwitchboardShims_udp_segment_cmsg_write(
                control, controlSpace, UInt16(truncatingIfNeeded: message.segmentSize))
        } else {
            headers[index].msg_hdr.msg_control = nil
            headers[index].msg_hdr.msg_controllen = 0
        }
    }

    /// EIO: the route's device cannot segment (no checksum offload); EINVAL/EMSGSIZE: this
    /// message is too large to segment (a segment above the path MTU); ENOPROTOOPT/EOPNOTSUPP: no
    /// GSO in this kernel after all.
    private static func mayBeSegmentationFailure(_ code: Int32) -> Bool {
        code == EIO || code == EINVAL || code == EMSGSIZE || code == ENOPROTOOPT || code == EOPNOTSUPP
    }

    /// Sends the datagrams of a segmented message that the kernel refused one by one, and turns
    /// segmentation off when the plain sends work and the error said the device cannot segment.
    private func sendSegmentsSeparately(
        _ index: Int, failure: Int32, on descriptor: Int32, report: inout SendReport
    ) {
        let message = messages[index]
        var header = msghdr()
        header.msg_name = UnsafeMutableRawPointer(addresses + index)
        header.msg_namelen = headers[index].msg_hdr.msg_namelen
        header.msg_iovlen = 1
        var anySent = false
        for datagram in message.firstDatagram..<(message.firstDatagram + message.datagramCount) {
            header.msg_iov = iovecs + datagram
            report.systemCalls += 1
            switch Syscall.attempt({ sendmsg(descriptor, &header, 0) }) {
            case .completed:
                report.sent += 1
                report.bytesSent += iovecs[datagram].iov_len
                anySent = true
            case .wouldBlock:
                report.dropped += 1
                report.lastErrno = EAGAIN
            case .failed(let code):
                report.dropped += 1
                report.lastErrno = code
            }
        }
        if anySent && failure != EINVAL && failure != EMSGSIZE { segmentationEnabled = false }
    }
}
