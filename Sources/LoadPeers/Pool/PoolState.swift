import ICE
import LoadModel

/// The pool's book of sockets and transports, kept under its mutex.
///
/// Invariants: a socket index is in at most one free list and, once taken, named by exactly
/// one transport; `transports[n]` is transport number n; `finalParts` is set once, at shutdown.
struct PoolState {
    /// Transports as opened, by number.
    struct Opened {
        let thread: Int
        let socketIndex: Int
        let credentials: ICECredentials
        let dataChannel: Bool
        var started = false
    }

    /// Free socket indices of each thread's share (taken from the end).
    var freeSockets: [[Int]]
    /// Free sockets of thread 0 reserved for data-channel transports.
    var freeDataChannelSockets: [Int]
    var transports: [Opened] = []
    var isShutDown = false
    /// Every worker's last part and its thread's CPU seconds, taken at shutdown.
    var finalParts: [(part: LoadWorkerSnapshot, cpuSeconds: Double?)]?

    init(sharedSockets: [Int], dataChannelSockets: Int) {
        freeSockets = sharedSockets.enumerated().map { thread, count in
            let first = thread == 0 ? dataChannelSockets : 0
            return Array((first..<(first + count)).reversed())
        }
        freeDataChannelSockets = Array((0..<dataChannelSockets).reversed())
    }

    /// A free socket for a new transport: thread 0's (reserved ones first) for data channels,
    /// otherwise the thread with the most free sockets (ties go to the later thread, keeping
    /// thread 0's for data channels). Nil when none is left.
    mutating func takeSocket(dataChannel: Bool) -> (thread: Int, socketIndex: Int)? {
        if dataChannel {
            if let socket = freeDataChannelSockets.popLast() { return (0, socket) }
            guard !freeSockets.isEmpty, let socket = freeSockets[0].popLast() else { return nil }
            return (0, socket)
        }
        var best: Int?
        for thread in freeSockets.indices where !freeSockets[thread].isEmpty {
            if best == nil || freeSockets[thread].count >= freeSockets[best!].count { best = thread }
        }
        guard let best, let socket = freeSockets[best].popLast() else { return nil }
        return (best, socket)
    }
}
