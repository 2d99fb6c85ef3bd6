public import DTLS
public import ICE
public import RTCWire
public import SDP

/// The transports of one worker and the two routes to them (as mediasoup's shared port does):
/// STUN by the local username fragment (USERNAME's first part), everything else by the source
/// address of a pair the transport validated. Datagrams nobody owns are counted and dropped.
///
/// Slots: a transport keeps its slot number for life (the owner keys its timers and commands
/// by it); freed slots are reused.
///
/// Routes follow ICE: a route is added when a pair becomes valid (so after a network change
/// the new address routes as soon as the peer's first check from it is valid), and removed
/// once its pair no longer holds consent (`ICELiteAgent.isValid(_:at:)`): lazily, when a
/// datagram arrives on it, and on the transport's timer. The old address of a peer that moved
/// is thus still taken for up to the consent timeout after its last valid check there
/// (RFC 8445 §12.2 lets media arrive on any valid pair; RFC 7675 bounds how long a pair stays
/// usable without fresh consent), and no longer after.
///
/// Invariants: every route and fragment names an occupied slot; a slot's routes are removed
/// with it; transports are only ever accessed in place (`slots[s]?.…` with a mutating call), so
/// no per-datagram path copies a `PeerTransport` or retains what it holds; routing a datagram
/// allocates nothing (routes are added on the first valid check of
/// a new pair, at most `maximumRoutesPerTransport` each, oldest replaced first).
public struct TransportTable {
    /// Source addresses remembered per transport.
    public static let maximumRoutesPerTransport = 8

    private var slots: [PeerTransport?] = []
    private var freeSlots: [Int] = []
    private var byFragment: [UsernameFragmentKey: Int] = [:]
    private var byRoute: [RouteKey: Int] = [:]
    private var routesOfSlot: [[RouteKey]] = []
    public private(set) var counters = TransportTableCounters()
    public private(set) var count = 0
    /// The drop counters of the transports already removed.
    private var removedDrops = DropCounters()

    public init() {}

    /// Adds `transport` and returns its slot; nil when its fragment is not one the server makes
    /// or is already in use.
    public mutating func insert(_ transport: PeerTransport) -> Int? {
        guard let key = UsernameFragmentKey(transport.ice.localCredentials.usernameFragment), byFragment[key] == nil else { return nil }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = transport
        } else {
            slot = slots.count
            slots.append(transport)
            routesOfSlot.append([])
        }
        byFragment[key] = slot
        count += 1
        return slot
    }

    /// Removes the transport in `slot` with its routes and returns it.
    public mutating func remove(_ slot: Int) -> PeerTransport? {
        guard slots.indices.contains(slot), let transport = slots[slot] else { return nil }
        if let key = UsernameFragmentKey(transport.ice.localCredentials.usernameFragment) { byFragment[key] = nil }
        for route in routesOfSlot[slot] where byRoute[route] == slot { byRoute[route] = nil }
        routesOfSlot[slot].removeAll()
        removedDrops.add(DropCounters(transport.counters, ice: transport.ice.counters))
        slots[slot] = nil
        freeSlots.append(slot)
        count -= 1
        return transport
    }

    /// The transport in `slot`, read-only (for stats).
    public func transport(at slot: Int) -> PeerTransport? {
        slots.indices.contains(slot) ? slots[slot] : nil
    }

    /// Every datagram the table and its transports (present and removed) dropped, by cause.
    public var dropTotals: DropCounters {
        var totals = removedDrops
        totals.unknownUsername &+= counters.droppedUnknownUsername
        totals.unknownSource &+= counters.droppedUnknownSource
        for case let transport? in slots { totals.add(DropCounters(transport.counters, ice: transport.ice.counters)) }
        return totals
    }

    /// Routes one datagram to its transport and hands it over; returns the slot that took it
    /// (so the owner drains that transport's output) with what the transport made of it, or
    /// nil when it was dropped.
    public mutating func handleDatagram(
        _ bytes: UnsafeMutableRawBufferPointer, from source: STUNTransportAddress, via socketIndex: Int, now: Timestamp
    ) -> (slot: Int, input: PeerTransportInput)? {
        let route = RouteKey(socketIndex: socketIndex, remote: source)
        let slot: Int
        if case .stun = PacketClass(classifying: UnsafeRawBufferPointer(bytes)), let username = usernameRoute(bytes) {
            // A check names its transport: route by USERNAME alone.
            guard let named = username.slot else {
                counters.droppedUnknownUsername &+= 1
                return nil
            }
            slot = named
        } else if let routed = byRoute[route] {
            let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: UInt8(truncatingIfNeeded: socketIndex)), remote: source)
            guard slots[routed]?.inPlace({ $0.ice.isValid(pair, at: now) }) == true else {
                // The pair lost consent (the peer moved away, or the transport failed).
                removeRoute(route)
                counters.droppedUnknownSource &+= 1
                return nil
            }
            slot = routed
        } else {
            counters.droppedUnknownSource &+= 1
            return nil
        }
        let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: UInt8(truncatingIfNeeded: socketIndex)), remote: source)
        let input = slots[slot]?.handleDatagram(bytes, from: source, via: socketIndex, now: now) ?? .consumed
        if byRoute[route] != slot, slots[slot]?.inPlace({ $0.ice.isValid(pair, at: now) }) == true { addRoute(route, to: slot) }
        return (slot, input)
    }

    /// Runs the expired timers of the transport in `slot`.
    public mutating func handleTimeout(_ slot: Int, now: Timestamp) {
        guard slots.indices.contains(slot) else { return }
        slots[slot]?.handleTimeout(now: now)
        guard let transport = slots[slot] else { return }
        for route in routesOfSlot[slot] {
            let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: UInt8(truncatingIfNeeded: route.socketIndex)),
                                        remote: route.remote)
            if !transport.ice.isValid(pair, at: now) { removeRoute(route) }
        }
    }

    /// Applies the peer's parameters to the transport in `slot` (see `PeerTransport.apply`).
    public mutating func apply(
        _ slot: Int, remote: RemoteTransportParameters, media: PublishedMedia, dtlsRole: DTLSRole = .server, now: Timestamp
    ) throws(PeerTransportError) {
        guard slots.indices.contains(slot), slots[slot] != nil else { throw .closed }
        try slots[slot]?.apply(remote: remote, media: media, dtlsRole: dtlsRole, now: now)
    }

    /// See `PeerTransport.isReadyToSend`; false when the slot is empty. (Mutating only to read
    /// in place, as every per-packet read here does: see `PeerTransport.inPlace`.)
    @inline(__always)
    public mutating func isReadyToSend(_ slot: Int) -> Bool {
        slots.indices.contains(slot) && slots[slot]?.inPlace({ $0.isReadyToSend }) == true
    }

    /// See `PeerTransport.protectRTP(_:length:)`; nil when the slot is empty.
    public mutating func protectRTP(_ slot: Int, _ buffer: UnsafeMutableRawBufferPointer, length: Int) -> PeerTransmit? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot]?.protectRTP(buffer, length: length)
    }

    /// See `PeerTransport.protectRTCP(_:length:)`; nil when the slot is empty.
    public mutating func protectRTCP(_ slot: Int, _ buffer: UnsafeMutableRawBufferPointer, length: Int) -> PeerTransmit? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot]?.protectRTCP(buffer, length: length)
    }

    /// See `PeerTransport.sendApplicationData(_:)`; false when the slot is empty.
    public mutating func sendApplicationData(_ slot: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard slots.indices.contains(slot) else { return false }
        return slots[slot]?.sendApplicationData(bytes) ?? false
    }

    /// Closes the transport in `slot` (it stays in the table until removed, so its last
    /// datagrams can be polled).
    public mutating func close(_ slot: Int) {
        guard slots.indices.contains(slot) else { return }
        slots[slot]?.close()
    }

    /// See `PeerTransport.pollTransmit(into:)`.
    public mutating func pollTransmit(_ slot: Int, into buffer: UnsafeMutableRawBufferPointer) -> PeerTransmit? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot]?.pollTransmit(into: buffer)
    }

    /// See `PeerTransport.pollEvent()`.
    public mutating func pollEvent(_ slot: Int) -> PeerTransportEvent? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot]?.pollEvent()
    }

    /// See `PeerTransport.pollTimeout()`. (Mutating only to read in place.)
    public mutating func pollTimeout(_ slot: Int) -> Timestamp? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot]?.inPlace { $0.pollTimeout() }
    }

    /// For STUN that carries an ICE USERNAME, the slot its recipient fragment names (nil inside
    /// when none does); nil for STUN without one (indications), which is routed by address.
    private func usernameRoute(_ bytes: UnsafeMutableRawBufferPointer) -> NamedSlot? {
        guard case .success(let message) = STUNMessage.parse(UnsafeRawBufferPointer(bytes)),
              let fragments = message.iceUsernameFragments
        else { return nil }
        return NamedSlot(slot: UsernameFragmentKey(fragments.recipient).flatMap { byFragment[$0] })
    }

    private mutating func removeRoute(_ route: RouteKey) {
        guard let slot = byRoute.removeValue(forKey: route) else { return }
        routesOfSlot[slot].removeAll { $0 == route }
    }

    private mutating func addRoute(_ route: RouteKey, to slot: Int) {
        if let previous = byRoute[route], previous != slot {
            routesOfSlot[previous].removeAll { $0 == route }
        }
        if routesOfSlot[slot].count >= Self.maximumRoutesPerTransport {
            let oldest = routesOfSlot[slot].removeFirst()
            if byRoute[oldest] == slot { byRoute[oldest] = nil }
        }
        routesOfSlot[slot].append(route)
        byRoute[route] = slot
    }

    /// The transport a USERNAME names, if any.
    private struct NamedSlot {
        let slot: Int?
    }
}
