/// SCTP packets on their way from one side of the rig to the other, copied into memory
/// allocated once. Each `[UInt8]` that `pollTransmit()` returns is copied here and freed at once,
/// by the side that made it, so that a `SideMeter` charges every side its own allocations.
///
/// Invariants: `entries` describe disjoint ranges of `storage`, in the order appended; `used`
/// is the end of the last one.
final class PacketStage {
    /// Bytes the stage holds (a round of the 1 → 16 relay moves about 600 KB).
    static let capacity = 8 << 20
    /// Packets the stage holds.
    static let entryCapacity = 16_384
    /// No SCTP packet is larger (the associations send at most
    /// `DataChannelRelay.defaultConfiguration.maximumPacketSize` = 1,100 bytes).
    static let largestPacket = 2_048

    /// One packet: whose it is (the index of the association it belongs to) and where it lies.
    struct Entry {
        let association: Int
        let offset: Int
        let length: Int
    }

    private let storage: UnsafeMutableRawBufferPointer
    private(set) var entries: [Entry] = []
    private var used = 0

    init() {
        storage = .allocate(byteCount: Self.capacity, alignment: 16)
        entries.reserveCapacity(Self.entryCapacity)
    }

    deinit { storage.deallocate() }

    /// Whether any packet, of any size an association sends, still fits.
    var hasRoom: Bool { Self.capacity - used >= Self.largestPacket && entries.count < Self.entryCapacity }

    /// Copies `packet` in; false (nothing copied) when it does not fit.
    func append(_ packet: [UInt8], for association: Int) -> Bool {
        guard packet.count <= Self.capacity - used, entries.count < Self.entryCapacity else { return false }
        packet.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: storage[used..<(used + $0.count)]).copyMemory(from: $0) }
        entries.append(Entry(association: association, offset: used, length: packet.count))
        used += packet.count
        return true
    }

    func bytes(of entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[entry.offset..<(entry.offset + entry.length)])
    }

    func removeAll() {
        entries.removeAll(keepingCapacity: true)
        used = 0
    }
}
