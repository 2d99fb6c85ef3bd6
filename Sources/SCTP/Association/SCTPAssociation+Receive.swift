import Glibc
internal import CUsrsctp

extension SCTPAssociation {
    /// Reads every message and notification usrsctp holds for this association (non-blocking,
    /// whether or not reading is paused) and turns them into events. `handlePacket` and the
    /// timer tick call it unless reading is paused; call it after clearing `isReadingPaused`.
    public func readPending() {
        while let socket {
            var info = sctp_rcvinfo()
            var infoLength = socklen_t(MemoryLayout<sctp_rcvinfo>.size)
            var infoType: UInt32 = 0
            var flags: Int32 = 0
            var from = sockaddr_conn()
            var fromLength = socklen_t(MemoryLayout<sockaddr_conn>.size)
            let count = withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    usrsctp_recvv(
                        socket, receiveBuffer.baseAddress, receiveBuffer.count, $0, &fromLength,
                        &info, &infoLength, &infoType, &flags)
                }
            }
            guard count > 0 else { return }
            let part = UnsafeRawBufferPointer(rebasing: receiveBuffer[..<count])
            let isLast = flags & Int32(MSG_EOR) != 0
            if flags & MSG_NOTIFICATION != 0 {
                takeNotificationPart(part, isLast: isLast)
            } else {
                takeMessagePart(part, info: info, isLast: isLast)
            }
        }
    }

    private func takeMessagePart(_ part: UnsafeRawBufferPointer, info: sctp_rcvinfo, isLast: Bool) {
        switch assembler.take(part, isLast: isLast) {
        case .incomplete:
            return
        case .oversize:
            counters.oversizeMessages += 1
        case .message(let payload):
            counters.messagesReceived += 1
            counters.messageBytesReceived += UInt64(payload.count)
            eventQueue.push(.message(SCTPMessage(
                stream: info.rcv_sid,
                ppid: UInt32(bigEndian: info.rcv_ppid),
                payload: payload,
                unordered: info.rcv_flags & UInt16(SCTP_UNORDERED) != 0)))
        }
    }

    private func takeNotificationPart(_ part: UnsafeRawBufferPointer, isLast: Bool) {
        guard isLast else {
            notificationParts.append(contentsOf: part)
            return
        }
        guard !notificationParts.isEmpty else {
            if let notification = SCTPNotification.parse(part) { apply(notification) }
            return
        }
        notificationParts.append(contentsOf: part)
        let notification = notificationParts.withUnsafeBytes { SCTPNotification.parse($0) }
        notificationParts.removeAll(keepingCapacity: true)
        if let notification { apply(notification) }
    }

    private func apply(_ notification: SCTPNotification) {
        switch notification {
        case let .associationChange(change, outbound, inbound, peerAborted):
            applyAssociationChange(Int32(change), outbound: outbound, inbound: inbound, peerAborted: peerAborted)
        case .peerShutdown:
            if state == .established { state = .shuttingDown }
        case let .streamReset(flags, streams):
            applyStreamReset(Int32(flags), streams: streams)
        case .partialDeliveryAborted:
            assembler.abandon()
        case .other:
            return
        }
    }

    private func applyAssociationChange(_ change: Int32, outbound: UInt16, inbound: UInt16, peerAborted: Bool) {
        switch change {
        case SCTP_COMM_UP, SCTP_RESTART:
            outboundStreamCount = Int(outbound)
            inboundStreamCount = Int(inbound)
            guard state == .connecting else { return }
            state = .established
            eventQueue.push(.established)
        case SCTP_COMM_LOST:
            if peerAborted {
                finish(.abortedByPeer)
            } else {
                finish(state == .connecting ? .cannotStart : .communicationLost)
            }
        case SCTP_SHUTDOWN_COMP:
            finish(.shutdown)
        case SCTP_CANT_STR_ASSOC:
            finish(.cannotStart)
        default:
            return
        }
    }

    private func applyStreamReset(_ flags: Int32, streams: [UInt16]) {
        if flags & (SCTP_STREAM_RESET_DENIED | SCTP_STREAM_RESET_FAILED) != 0 {
            if flags & SCTP_STREAM_RESET_OUTGOING_SSN != 0 { counters.failedStreamResets += 1 }
            return
        }
        if flags & SCTP_STREAM_RESET_INCOMING_SSN != 0 { eventQueue.push(.incomingStreamsReset(streams)) }
        if flags & SCTP_STREAM_RESET_OUTGOING_SSN != 0 { eventQueue.push(.outgoingStreamsReset(streams)) }
    }
}
