import SFUCore
import Worker

// A media worker's part in data channels: it keeps DTLS, the data-channel thread keeps SCTP.
// Each DTLS application-data record a transport decrypts (one SCTP packet) goes to that thread
// in a pool slot over the mesh; each SCTP packet the thread sends back is encrypted as one
// record by the transport it names. A transport takes part once its application says so (its
// association number); the thread hears when its DTLS is up.
extension MediaWorkerHandler {
    /// Records that the transport in `slot` carries data channels as `association` (nil: it
    /// does not), and tells the data-channel thread at once if its DTLS is already up (a
    /// renegotiation that added the data section).
    mutating func setDataAssociation(_ association: UInt64?, slot: Int, context: inout WorkerContext) {
        if let old = associationOfSlot[slot], old != association { slotOfAssociation[old] = nil }
        associationOfSlot[slot] = association
        guard let association else { return }
        slotOfAssociation[association] = slot
        if table.transport(at: slot)?.dtlsState == .connected { notifyDataTransportConnected(slot: slot, context: &context) }
    }

    /// Forgets the association of the transport leaving `slot`.
    mutating func clearDataAssociation(slot: Int) {
        guard let association = associationOfSlot[slot] else { return }
        slotOfAssociation[association] = nil
        associationOfSlot[slot] = nil
    }

    /// Tells the data-channel thread that the transport in `slot` has DTLS up.
    mutating func notifyDataTransportConnected(slot: Int, context: inout WorkerContext) {
        guard let association = associationOfSlot[slot], let mesh, let node = dataChannelNode else { return }
        if mesh.send(MeshMessage(kind: MeshMessageKind.dataTransportConnected, tag: association), from: context.workerIndex, to: node) {
            markMeshTarget(node)
        } else {
            counters.dataChannelDrops &+= 1
        }
    }

    /// Hands one SCTP packet the peer of the transport in `slot` sent to the data-channel
    /// thread; counted and dropped when the transport has no association, the pool is empty
    /// or the ring is full.
    mutating func forwardSCTPPacket(_ packet: [UInt8], slot: Int, context: inout WorkerContext) {
        guard let association = associationOfSlot[slot], let mesh, let node = dataChannelNode,
              let buffer = context.pool.acquire()
        else {
            counters.dataChannelDrops &+= 1
            return
        }
        let bytes = context.pool.bytes(of: buffer)
        guard packet.count <= bytes.count else {
            context.pool.release(buffer)
            counters.dataChannelDrops &+= 1
            return
        }
        packet.withUnsafeBytes { bytes.copyMemory(from: $0) }
        let message = MeshMessage(kind: MeshMessageKind.sctpPacket, slot: buffer, length: UInt32(packet.count), tag: association)
        if mesh.send(message, from: context.workerIndex, to: node) {
            markMeshTarget(node)
        } else {
            context.pool.release(buffer)
            counters.dataChannelDrops &+= 1
        }
    }

    /// Encrypts and sends an SCTP packet the data-channel thread wrote for `association`;
    /// counted and dropped when that transport is gone.
    mutating func sendSCTPPacket(_ packet: UnsafeRawBufferPointer, association: UInt64, context: inout WorkerContext) {
        guard let slot = slotOfAssociation[association], table.sendApplicationData(slot, packet) else {
            counters.dataChannelDrops &+= 1
            return
        }
        service(slot, context: &context)
    }
}
