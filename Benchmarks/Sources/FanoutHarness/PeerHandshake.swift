import Glibc
import Worker

/// Connects a set of peers to their server transports at once, over their own sockets: each
/// sends its nominating Binding request (again every 100 ms until answered), starts its DTLS
/// handshake once the success response came, and is done when DTLS reported its keys.
enum PeerHandshake {
    static func connect(_ peers: [ClientPeer], timeoutNanoseconds: Int64) throws(HarnessError) {
        let pool = BufferPool(slotSize: 2048, slotCount: 64)
        var batch = ReceivedBatch(pool: pool, capacity: 32)
        var descriptors = peers.map { pollfd(fd: $0.socket.fileDescriptor, events: Int16(POLLIN), revents: 0) }
        var dtlsStarted = [Bool](repeating: false, count: peers.count)
        let deadline = MonotonicClock.now() + timeoutNanoseconds
        while !peers.allSatisfy(\.isConnected) {
            let now = MonotonicClock.now()
            guard now < deadline else {
                let ice = peers.filter { !$0.iceConnected }.count
                let dtls = peers.filter { $0.iceConnected && !$0.isConnected }.count
                throw .timedOut("connecting peers: \(ice) without ICE, \(dtls) without DTLS, of \(peers.count)")
            }
            for (index, peer) in peers.enumerated() {
                if let failure = peer.failure { throw .setup("peer \(peer.usernameFragment): \(failure)") }
                if !peer.iceConnected {
                    peer.sendCheckIfDue(now: now)
                } else if !dtlsStarted[index] {
                    dtlsStarted[index] = true
                    peer.startDTLS(now: now)
                } else {
                    peer.pump(now: now)
                }
            }
            guard poll(&descriptors, nfds_t(descriptors.count), 10) > 0 else { continue }
            for index in descriptors.indices where descriptors[index].revents != 0 {
                let peer = peers[index]
                while case .received = peer.socket.receiveBatch(into: &batch) {
                    for entry in 0..<batch.count {
                        peer.handle(UnsafeRawBufferPointer(batch.bytes(at: entry)), now: MonotonicClock.now())
                    }
                }
                peer.pump(now: MonotonicClock.now())
            }
        }
    }
}
