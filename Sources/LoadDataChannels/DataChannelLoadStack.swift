import SCTP

/// The process's usrsctp instance as the harness drives it: all `DataChannelLoadPeer`s of the
/// process and their timers belong to one owner thread (usrsctp keeps its state in globals and
/// `SCTPStack` is not synchronised), which calls `start()` once before the first peer, then
/// `handleTimers(now:)` every `timerTickNanoseconds` followed by each peer's
/// `handleTick(now:)`.
///
/// Invariant: every call comes from that one thread (or happens-after its calls).
public enum DataChannelLoadStack {
    /// How often the owner should run the timers (usrsctp exposes no next deadline).
    public static var timerTickNanoseconds: Int64 { SCTPStack.timerTickNanoseconds }

    /// Initialises usrsctp (once per process) and checks that it can make an association, so a
    /// run fails before its first peer rather than on each of them.
    public static func start() throws(DataChannelLoadError) {
        SCTPStack.initialize()
        do {
            _ = try SCTPAssociation(configuration: DataChannelLoadPeer.configuration(localPort: 5000, remotePort: 5000))
        } catch {
            throw .association(error.description)
        }
    }

    /// Advances usrsctp's timers (retransmissions, delayed SACKs, heartbeats) to `now`
    /// (monotonic ns, following real time); each peer's `handleTick(now:)` then takes what
    /// they produced.
    public static func handleTimers(now: Int64) {
        SCTPStack.handleTimers(now: now)
    }
}
