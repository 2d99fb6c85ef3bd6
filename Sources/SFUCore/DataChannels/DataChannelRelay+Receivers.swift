import SCTP

// The receiving side of the relay: relayed channels on subscribe transports, their queues,
// and the pausing of senders whose reliable receivers fall behind.
extension DataChannelRelay {
    mutating func addRelayedChannel(to receiver: UInt64, from sender: UInt64, label: String, parameters: DataChannelParameters) {
        guard let senderPeer = endpoints[sender]?.peer else { return }
        let key = RelayedChannelKey(sender: senderPeer.participant, label: label)
        guard endpoints[receiver]?.relayed[key] == nil else { return }
        // A participant id is at most 64 characters, so the protocol always fits.
        guard let relayedParameters = try? DataChannelParameters(
            label: parameters.label, protocol: senderPeer.participant, ordered: parameters.ordered,
            reliability: parameters.reliability, priority: parameters.priority)
        else { return }
        endpoints[receiver]?.relayed[key] = RelayedChannel(senderSerial: sender, parameters: relayedParameters)
        openRelayedChannel(key, on: receiver)
    }

    /// Opens every relayed channel of `receiver` not opened yet (its association came up).
    mutating func openRelayedChannels(of receiver: UInt64) {
        for key in endpoints[receiver]?.relayed.keys.map({ $0 }) ?? [] { openRelayedChannel(key, on: receiver) }
    }

    private mutating func openRelayedChannel(_ key: RelayedChannelKey, on receiver: UInt64) {
        guard let endpoint = endpoints[receiver], endpoint.connection.isEstablished,
              let channel = endpoint.relayed[key], channel.id == nil
        else { return }
        switch endpoints[receiver]?.connection.open(channel.parameters) {
        case .success(let id):
            endpoints[receiver]?.relayed[key]?.id = id
            endpoints[receiver]?.relayedByID[id] = key
        case .failure, nil:
            removeRelayedChannel(key, of: receiver)  // Its held messages count as droppedOnClose.
        }
        processEvents(of: receiver)
    }

    /// Hands `message` to `receiver`'s relayed channel `key`, or queues or drops it (see the
    /// type's buffering rules).
    mutating func deliver(_ message: DataChannelMessage, on key: RelayedChannelKey, to receiver: UInt64) {
        guard let channel = endpoints[receiver]?.relayed[key] else { return }
        if channel.isOpen, channel.queuedCount == 0, let id = channel.id {
            switch send(message, on: id, to: receiver) {
            case .sent, .refused: return
            case .wouldBlock: break
            }
        }
        guard channel.isReliable else {
            counters.droppedUnreliable &+= 1
            return
        }
        if !channel.isOpen && channel.queuedBytes + RelayedChannel.cost(of: message) > Self.heldBytesLimit {
            counters.droppedWhileOpening &+= 1
            return
        }
        endpoints[receiver]?.relayed[key]?.enqueue(message)
        if channel.isOpen, (endpoints[receiver]?.relayed[key]?.queuedBytes ?? 0) > Self.pauseThreshold {
            pause(channel.senderSerial, for: RelayedChannelRef(receiver: receiver, key: key))
        }
    }

    /// Sends what waits on `receiver`'s relayed channel `key` until SCTP's buffer is full.
    mutating func flush(_ key: RelayedChannelKey, of receiver: UInt64) {
        guard let channel = endpoints[receiver]?.relayed[key], channel.isOpen, let id = channel.id else { return }
        while let message = endpoints[receiver]?.relayed[key]?.first {
            if case .wouldBlock = send(message, on: id, to: receiver) { break }
            endpoints[receiver]?.relayed[key]?.dequeue()
        }
        if (endpoints[receiver]?.relayed[key]?.queuedBytes ?? 0) <= Self.resumeThreshold {
            release(channel.senderSerial, from: RelayedChannelRef(receiver: receiver, key: key))
        }
    }

    private mutating func send(_ message: DataChannelMessage, on id: UInt16, to receiver: UInt64) -> DataChannelSendOutcome {
        guard let outcome = endpoints[receiver]?.connection.send(message, on: id) else { return .refused("no association") }
        switch outcome {
        case .sent:
            counters.messagesRelayed &+= 1
            counters.bytesRelayed &+= UInt64(message.payload.count)
            markDirty(receiver)
        case .refused:
            counters.droppedRefused &+= 1
        case .wouldBlock:
            break
        }
        return outcome
    }

    /// Closes the relayed channels of `sender`'s `label` at every receiver (the sender closed
    /// its last channel of that label, or left).
    mutating func closeRelayedChannels(from sender: UInt64, label: String) {
        guard let peer = endpoints[sender]?.peer else { return }
        let key = RelayedChannelKey(sender: peer.participant, label: label)
        for receiver in members(of: peer.room) {
            guard let channel = endpoints[receiver]?.relayed[key], channel.senderSerial == sender else { continue }
            if let id = channel.id { endpoints[receiver]?.connection.close(id) }
            removeRelayedChannel(key, of: receiver)
            processEvents(of: receiver)
        }
    }

    /// Forgets `receiver`'s relayed channel `key` (closed by either side), dropping its queue.
    mutating func removeRelayedChannel(_ key: RelayedChannelKey, of receiver: UInt64) {
        guard let channel = endpoints[receiver]?.relayed.removeValue(forKey: key) else { return }
        counters.droppedOnClose &+= UInt64(channel.queuedCount)
        release(channel.senderSerial, from: RelayedChannelRef(receiver: receiver, key: key))
    }

    /// Forgets every relayed channel of `receiver` (its association ended or it left).
    mutating func dropRelayedChannels(of receiver: UInt64) {
        for key in endpoints[receiver]?.relayed.keys.map({ $0 }) ?? [] { removeRelayedChannel(key, of: receiver) }
        endpoints[receiver]?.relayedByID = [:]
    }

    private mutating func pause(_ sender: UInt64, for channel: RelayedChannelRef) {
        guard endpoints[sender] != nil else { return }
        let wasRunning = blocking[sender]?.isEmpty ?? true
        blocking[sender, default: []].insert(channel)
        if wasRunning {
            endpoints[sender]?.connection.isReadingPaused = true
            counters.senderPauses &+= 1
        }
    }

    private mutating func release(_ sender: UInt64, from channel: RelayedChannelRef) {
        guard blocking[sender]?.remove(channel) != nil, blocking[sender]?.isEmpty == true else { return }
        resumable.append(sender)
    }
}
