internal import CUsrsctp

/// The process's one usrsctp instance: its initialisation, its global settings, its clock, and
/// the table that routes the packets it produces to their association.
///
/// ## Why process-wide, and why one thread
/// usrsctp keeps all its state in globals: one set of sysctls, one timer wheel, one table of
/// endpoints and associations, one output callback for every AF_CONN packet. It is initialised
/// once and never finished (`usrsctp_finish` only succeeds once every association is gone,
/// which a server never waits for). This type is therefore an enum of static members over
/// that global state, and everything here and in `SCTPAssociation` is driven by a single
/// owner thread (the data-channel thread): usrsctp's own locks make its internals safe, but
/// the Swift side (the routing table, each association's queues) is not synchronised at all.
/// Calls from another thread must happen-after the owner's (a handover), never alongside.
///
/// ## Time
/// `usrsctp_init_nothreads` starts no timer thread: usrsctp's retransmission, SACK, heartbeat
/// and shutdown timers advance only when `handleTimers(now:)` passes time in. usrsctp exposes no
/// next deadline, so the owner calls it on a fixed tick (`timerTickNanoseconds`, 10 ms) while any
/// association exists; a coarser tick only delays retransmissions and delayed SACKs. The ticks
/// are not usrsctp's only clock: it stamps packets with the wall clock to measure round trips,
/// and when a retransmission timer fires it resends only chunks sent at least one RTO ago by
/// that clock (and sends a heartbeat only when one is due by it). Ticks must therefore follow
/// real time, as a monotonic clock does; a simulated clock that runs ahead of real time sees
/// timers fire without retransmissions.
///
/// Invariants: usrsctp is initialised at most once, before the first association; the routing
/// table holds exactly the associations that are alive (each adds itself when made and removes
/// itself first thing in `deinit`), so a packet usrsctp produces for an association that is
/// gone is dropped and counted, never delivered to freed memory.
public enum SCTPStack {
    /// The period at which the owner should call `handleTimers(now:)`, in nanoseconds.
    public static let timerTickNanoseconds: Int64 = 10_000_000

    /// Chunks an association may hold queued (each direction) before usrsctp refuses more; its
    /// default (512) would bind before 1 MiB buffers of full-size packets do.
    static let maximumChunksOnQueue: UInt32 = 4096
    /// Streams asked for by default (a configuration's counts override it per association).
    static let defaultStreams: UInt32 = 1024

    nonisolated(unsafe) private static var isInitialized = false
    nonisolated(unsafe) private static var timerBase: Int64?
    nonisolated(unsafe) fileprivate static var routes: [UInt: Unmanaged<SCTPAssociation>] = [:]
    nonisolated(unsafe) fileprivate static var unroutedPacketCount: UInt64 = 0

    /// Packets usrsctp produced for an association that no longer exists (dropped).
    public static var unroutedPackets: UInt64 { unroutedPacketCount }

    /// How many associations are alive in the process.
    public static var associationCount: Int { routes.count }

    /// Initialises usrsctp for AF_CONN without threads and applies the settings a WebRTC
    /// endpoint over DTLS needs. Idempotent; `SCTPAssociation.init` calls it.
    ///
    /// - ECN off: SCTP over DTLS over UDP never sees the IP header's ECN bits.
    /// - AUTH and ASCONF off: DTLS already authenticates every packet, and AF_CONN has no
    ///   addresses to add or remove (ASCONF needs AUTH).
    /// - PR-SCTP (RFC 3758) and stream reconfiguration (RFC 6525) on: data channels need both
    ///   (RFC 8831 §5, §6.7).
    /// - Streams default to 1024 each way; queued chunks raised to `maximumChunksOnQueue`.
    public static func initialize() {
        guard !isInitialized else { return }
        isInitialized = true
        usrsctp_init_nothreads(0, transmitPacket, nil)
        _ = usrsctp_sysctl_set_sctp_ecn_enable(0)
        _ = usrsctp_sysctl_set_sctp_asconf_enable(0)
        _ = usrsctp_sysctl_set_sctp_auth_enable(0)
        _ = usrsctp_sysctl_set_sctp_pr_enable(1)
        _ = usrsctp_sysctl_set_sctp_reconfig_enable(1)
        _ = usrsctp_sysctl_set_sctp_nr_outgoing_streams_default(defaultStreams)
        _ = usrsctp_sysctl_set_sctp_nr_incoming_streams_default(defaultStreams)
        _ = usrsctp_sysctl_set_sctp_max_chunks_on_queue(maximumChunksOnQueue)
    }

    /// Advances usrsctp's timers by the whole milliseconds elapsed since the previous call
    /// (`now`: monotonic nanoseconds; the remainder carries over), then lets every
    /// association read what the timers queued (a lost association, freed send buffer).
    /// The first call, or a `now` earlier than the previous one, only sets the base.
    public static func handleTimers(now: Int64) {
        guard isInitialized else { return }
        guard let base = timerBase, now >= base else {
            timerBase = now
            return
        }
        let elapsed = (now - base) / 1_000_000
        if elapsed > 0 {
            timerBase = base + elapsed * 1_000_000
            usrsctp_handle_timers(UInt32(clamping: elapsed))
        }
        for association in routes.values {
            association.takeUnretainedValue().collectDelivered()
        }
    }

    static func add(_ association: SCTPAssociation, at address: UnsafeMutableRawPointer) {
        routes[UInt(bitPattern: address)] = Unmanaged.passUnretained(association)
    }

    static func remove(at address: UnsafeMutableRawPointer) {
        routes[UInt(bitPattern: address)] = nil
    }
}

/// usrsctp's output callback: hands the packet to the association registered at `address`
/// (the `sconn_addr` the association bound and connected to). It runs inside whichever usrsctp
/// call produced the packet, so it only queues: calling back into usrsctp from here is not
/// allowed.
private func transmitPacket(
    _ address: UnsafeMutableRawPointer?, _ buffer: UnsafeMutableRawPointer?, _ length: Int, _ tos: UInt8, _ setDF: UInt8
) -> Int32 {
    guard let address, let buffer, length > 0 else { return 0 }
    guard let association = SCTPStack.routes[UInt(bitPattern: address)] else {
        SCTPStack.unroutedPacketCount += 1
        return 0
    }
    association.takeUnretainedValue().queueOutgoing(UnsafeRawBufferPointer(start: buffer, count: length))
    return 0
}
