import Glibc
import SCTP
import Synchronization
import Testing
import TestSupport

/// The shared fake clock (`UsrsctpTestClock`, under `UsrsctpTestLock`) as these tests move it.
enum TestClock {
    static var now: Int64 { UsrsctpTestClock.now }

    /// Moves the clock forward and runs usrsctp's timers.
    static func advance(milliseconds: Int64) {
        UsrsctpTestClock.now += milliseconds * 1_000_000
        SCTPStack.handleTimers(now: UsrsctpTestClock.now)
    }
}

/// Which way a packet travels between the two ends of an `AssociationPair`.
enum Direction {
    case clientToServer, serverToClient
}

/// Two associations in this process wired back to back: each one's `pollTransmit()` goes into
/// the other's `handlePacket(_:)`, with an optional filter that drops packets on the way.
final class AssociationPair {
    let client: SCTPAssociation
    let server: SCTPAssociation
    private(set) var clientEvents: [SCTPEvent] = []
    private(set) var serverEvents: [SCTPEvent] = []
    /// Every packet moved (after the filter), in order, with its direction.
    private(set) var delivered: [(Direction, [UInt8])] = []
    /// Returns false to drop a packet instead of delivering it.
    var filter: ((Direction, [UInt8]) -> Bool)?

    init(client: SCTPConfiguration = SCTPConfiguration(), server: SCTPConfiguration = SCTPConfiguration()) throws {
        self.client = try SCTPAssociation(configuration: client)
        self.server = try SCTPAssociation(configuration: server)
        TestClock.advance(milliseconds: 0)
    }

    /// Connects both ends and moves packets until both are established.
    func establish() {
        client.connect()
        server.connect()
        pump()
    }

    /// Moves packets both ways until neither end has one to send (at most `rounds` passes),
    /// collecting events as they come.
    @discardableResult
    func pump(rounds: Int = 10_000) -> Int {
        var moved = 0
        for _ in 0..<rounds {
            var progressed = false
            while let packet = client.pollTransmit() {
                progressed = true
                moved += 1
                deliver(packet, .clientToServer)
            }
            while let packet = server.pollTransmit() {
                progressed = true
                moved += 1
                deliver(packet, .serverToClient)
            }
            collectEvents()
            if !progressed { break }
        }
        return moved
    }

    /// Pumps, then advances the clock in `step`-millisecond ticks (the stack's tick unless
    /// given) for at most `milliseconds`, pumping after each, until `done` holds.
    /// With `inRealTime`, each tick also waits `step` on the wall clock: usrsctp only resends
    /// chunks that are one RTO old by the wall clock (see `SCTPStack`), so tests that need
    /// retransmissions use a short RTO (`fastRetransmission`) and let that time pass.
    func run(
        milliseconds: Int64, step: Int64 = SCTPStack.timerTickNanoseconds / 1_000_000, inRealTime: Bool = false,
        until done: () -> Bool = { false }
    ) {
        pump()
        var elapsed: Int64 = 0
        while elapsed < milliseconds, !done() {
            if inRealTime { usleep(UInt32(step * 1_000)) }
            TestClock.advance(milliseconds: step)
            elapsed += step
            pump()
        }
    }

    func collectEvents() {
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
    }

    func events(_ direction: Direction) -> [SCTPEvent] {
        direction == .clientToServer ? serverEvents : clientEvents
    }

    /// The messages the receiving end of `direction` got, in order.
    func messages(to direction: Direction) -> [SCTPMessage] {
        events(direction).compactMap {
            if case .message(let message) = $0 { return message }
            return nil
        }
    }

    func clearEvents() {
        clientEvents.removeAll()
        serverEvents.removeAll()
    }

    func sender(_ direction: Direction) -> SCTPAssociation {
        direction == .clientToServer ? client : server
    }

    func receiver(_ direction: Direction) -> SCTPAssociation {
        direction == .clientToServer ? server : client
    }

    private func deliver(_ packet: [UInt8], _ direction: Direction) {
        if let filter, !filter(direction, packet) { return }
        delivered.append((direction, packet))
        packet.withUnsafeBytes { receiver(direction).handlePacket($0) }
    }
}

extension SCTPAssociation {
    /// Sends `bytes` (test convenience over the buffer-pointer API).
    func send(_ bytes: [UInt8], stream: UInt16 = 1, ppid: UInt32 = 53, options: SCTPSendOptions = SCTPSendOptions()) -> SCTPSendResult {
        bytes.withUnsafeBytes { send($0, stream: stream, ppid: ppid, options: options) }
    }
}

extension SCTPConfiguration {
    /// Default settings with retransmission timeouts of 20 to 200 ms, for tests that wait for
    /// retransmissions in real time.
    static var fastRetransmission: SCTPConfiguration {
        SCTPConfiguration(initialRetransmissionTimeout: 20, minimumRetransmissionTimeout: 20, maximumRetransmissionTimeout: 200)
    }
}

/// `count` bytes that differ from message to message (`seed`) and along the message.
func patternBytes(count: Int, seed: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ ($0 >> 8)) }
}

/// The suite all usrsctp tests nest in: serialized (see `UsrsctpTestLock`).
@Suite("SCTP association (usrsctp)", .serialized)
struct AssociationSuite {}
