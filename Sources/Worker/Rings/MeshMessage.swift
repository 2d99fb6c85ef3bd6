/// One message between two workers on a `WorkerMesh` ring: a plain 32-byte value, so it crosses
/// threads by copy and ARC never sees it. What it means is the handler's business: `kind` says
/// which of its messages this is (a decrypted packet for the consumers of producer `tag`, a key
/// frame request for producer `tag`, …), `tag` and `extra` carry its arguments.
///
/// Ownership: a message with a `slot` carries exactly one reference to that slot in the
/// *sending* worker's `BufferPool` (not the receiver's). The sender retains the slot for the
/// message before `WorkerMesh.send`, and releases that reference itself when `send` refuses the
/// message; once sent, the receiver owns the reference and gives it back with
/// `WorkerMesh.release(_:from:at:)` (a `releaseForeign` into the sender's pool) when it is done
/// with the bytes. A message without a slot owns nothing.
///
/// Invariants: `length <= slotSize` of the sender's pool when `slot` is set (the sender's
/// promise; `WorkerMesh.bytes(of:from:)` clamps it anyway); the layout fits in 32 bytes.
public struct MeshMessage: BitwiseCopyable, Sendable, Equatable {
    /// The handler's argument, e.g. the producer the message is about.
    public var tag: UInt64
    /// A second handler argument (e.g. the requesting consumer, a sequence number, a time).
    public var extra: UInt64
    /// Bytes of `slot` the message uses (from the slot's start); 0 without a slot.
    public var length: UInt32
    /// The packet buffer, in the sender's pool, whose one reference the message carries.
    public var slot: BufferSlot?
    /// The handler's message type.
    public var kind: UInt8

    public init(kind: UInt8, slot: BufferSlot? = nil, length: UInt32 = 0, tag: UInt64 = 0, extra: UInt64 = 0) {
        self.kind = kind
        self.slot = slot
        self.length = length
        self.tag = tag
        self.extra = extra
    }
}
