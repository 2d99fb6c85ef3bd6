public import LoadModel
import SCTP
import SFUCore

/// One simulated peer's data channels on one transport, sans-IO: SCTP packets in and out as
/// DTLS application data, time passed in, no socket and no clock. A sender (a publisher with a
/// `DataChannelProfile`) opens one channel, "load" (ordered, reliable), once SCTP is up and,
/// from the server's acknowledgement on, sends binary messages (PPID 53) of `messageBytes`
/// at `messagesPerSecond`, each ending with a `ProbeTrailer`. Every peer accepts the channels
/// the server opens toward it (DCEP) and measures each message it receives per probe stream.
///
/// Driving it: `start(now:)` once DTLS is connected; each SCTP packet from the server to
/// `handleSCTPPacket(_:now:)`; `handleTick(now:)` every `DataChannelLoadStack.timerTickNanoseconds`
/// after `DataChannelLoadStack.handleTimers(now:)`; after each of these drain
/// `pollSCTPPacket()` into DTLS and call `takeDelays(into:)`. All on the thread that owns
/// `DataChannelLoadStack`.
///
/// Invariants: probe sequence numbers count the messages SCTP accepted, from 0, without gaps
/// (`sender.packetsSent` is the next one); a message is due at `start + n · 10⁹ / rate` where
/// `start` is when the channel was acknowledged (no drift); once `stopSending()` ran nothing
/// more is sent; nothing on the packet path throws or traps (trouble is counted in `drops`).
public struct DataChannelLoadPeer {
    /// The label of the channel a sender opens.
    public static let channelLabel = "load"
    /// The SCTP port of both ends when the SDP names no other (RFC 8841 §5).
    public static let defaultSCTPPort: UInt16 = 5000
    /// The largest SCTP packet sent: one fits a DTLS record in a 1,200-byte datagram whatever
    /// the cipher suite (as the server's associations).
    public static let maximumPacketSize = 1100

    private var connection: DataChannelConnection
    private let stream: ProbeStreamID?
    /// The sender's one message, rewritten in place for each send (only its trailer changes).
    private var message: DataChannelMessage
    private var schedule: DataChannelSendSchedule?
    private var channel: UInt16?
    private var isStopped = false
    private var isStarted = false
    private var sentCount: UInt64 = 0
    private var probes = DataChannelProbeReceiver()
    private var counters = TrafficCounters()
    private var ownDrops = DataChannelLoadDrops()
    /// Whether the association ended (shut down, aborted or lost).
    public private(set) var hasEnded = false
    /// When the first message went out (monotonic ns).
    public private(set) var firstMessageSentAt: Int64?

    /// A peer whose DTLS role on this transport is the client when `isDTLSClient` (it opens
    /// even stream ids), that sends `sends` numbered as `stream` (nil: receive only), to a
    /// server accepting messages up to `remoteMaxMessageSize` bytes (0: no limit), over SCTP
    /// ports `localPort` (ours, as our SDP says) and `remotePort` (the server's `a=sctp-port`).
    public init(
        isDTLSClient: Bool, sends: DataChannelProfile?, stream: ProbeStreamID?, remoteMaxMessageSize: UInt64,
        localPort: UInt16 = DataChannelLoadPeer.defaultSCTPPort, remotePort: UInt16 = DataChannelLoadPeer.defaultSCTPPort
    ) throws(DataChannelLoadError) {
        if let sends {
            guard stream != nil else { throw .missingProbeStream }
            guard sends.messagesPerSecond > 0 else { throw .invalidMessageRate(sends.messagesPerSecond) }
            let limit = remoteMaxMessageSize == 0 ? UInt64(Int.max) : remoteMaxMessageSize
            guard sends.messageBytes >= ProbeTrailer.byteCount, UInt64(sends.messageBytes) <= limit else {
                throw .invalidMessageSize(bytes: sends.messageBytes, minimum: ProbeTrailer.byteCount, maximum: limit)
            }
            schedule = DataChannelSendSchedule(messagesPerSecond: sends.messagesPerSecond)
            message = DataChannelMessage(kind: .binary, payload: Array(repeating: 0, count: sends.messageBytes))
        } else {
            message = DataChannelMessage(kind: .binary, payload: [])
        }
        self.stream = stream
        do {
            connection = try DataChannelConnection(
                configuration: Self.configuration(localPort: localPort, remotePort: remotePort),
                isDTLSClient: isDTLSClient, remoteMaxMessageSize: remoteMaxMessageSize)
        } catch {
            throw .association(error.description)
        }
    }

    static func configuration(localPort: UInt16, remotePort: UInt16) -> SCTPConfiguration {
        SCTPConfiguration(localPort: localPort, remotePort: remotePort, maximumPacketSize: maximumPacketSize)
    }

    // MARK: Inputs

    /// DTLS is connected: SCTP starts its handshake. Later calls do nothing.
    public mutating func start(now: Int64) {
        guard !isStarted else { return }
        isStarted = true
        connection.connect()
        processEvents(now: now)
    }

    /// One SCTP packet from the server (the plaintext of one DTLS application-data record).
    public mutating func handleSCTPPacket(_ bytes: UnsafeRawBufferPointer, now: Int64) {
        guard isStarted else {
            ownDrops.packetsBeforeStart &+= 1
            return
        }
        connection.handlePacket(bytes)
        processEvents(now: now)
    }

    /// Takes what usrsctp's timers produced and sends the messages due at `now`.
    public mutating func handleTick(now: Int64) {
        connection.pump()
        processEvents(now: now)
        sendDue(now: now)
    }

    /// No more messages from now on (the channel stays open; receiving goes on).
    public mutating func stopSending() {
        isStopped = true
    }

    /// Closes the association gracefully (SHUTDOWN; its last packets still come out of
    /// `pollSCTPPacket()`).
    public mutating func shutDown() {
        connection.shutDown()
    }

    // MARK: Outputs

    /// The next SCTP packet for the server, to send as DTLS application data.
    public func pollSCTPPacket() -> [UInt8]? {
        connection.pollTransmit()
    }

    /// Whether SCTP is up.
    public var isEstablished: Bool { connection.isEstablished }

    /// Whether a sender's channel is acknowledged and it sends on schedule (until stopped).
    public var isSending: Bool { channel != nil && schedule?.startedAt != nil && !isStopped && !hasEnded }

    /// When a sender's message 0 was due: the moment the server acknowledged its channel
    /// (monotonic ns); nil before.
    public var sendingSince: Int64? { schedule?.startedAt }

    /// Data messages and payload bytes sent and received (only the `data…` fields are used).
    public var traffic: TrafficCounters { counters }

    /// What this peer's association and channels refused, and its own counted troubles.
    public var drops: DataChannelLoadDrops {
        var drops = ownDrops
        drops.malformedPackets &+= connection.association.counters.malformedPackets
        drops.oversizeMessages &+= connection.association.counters.oversizeMessages
        drops.channelMessageDrops &+= connection.table.counters.total
        drops.messagesWithoutProbe &+= probes.messagesWithoutProbe
        return drops
    }

    /// A sender's stream and how many messages it numbered; nil for a receive-only peer.
    public var sender: SenderRecord? {
        guard schedule != nil, let stream else { return nil }
        return SenderRecord(stream: stream, packetsSent: sentCount, packetsDropped: 0)
    }

    /// What this peer received, per probe stream, up to the last `takeDelays(into:)`.
    public var receptions: [StreamReception] { probes.receptions }

    /// When the first message arrived (monotonic ns).
    public var firstMessageReceivedAt: Int64? { probes.firstReceivedAt }

    /// Measures the messages received since the last call: updates `receptions` and adds their
    /// one-way delays to `histogram`. Call it after each input (it keeps the arrivals until
    /// then).
    public mutating func takeDelays(into histogram: inout DelayHistogram) {
        probes.measure(into: &histogram)
    }

    // MARK: Internals

    private mutating func processEvents(now: Int64) {
        while let event = connection.pollEvent() {
            switch event {
            case .established:
                openChannel()
            case .channelAcknowledged(let id):
                if id == channel { schedule?.start(at: now) }
            case .message(_, let received):
                counters.dataMessagesReceived &+= 1
                counters.dataBytesReceived &+= UInt64(received.payload.count)
                received.payload.withUnsafeBytes { _ = probes.receive($0, at: now) }
            case .channelClosed(let id):
                if id == channel { channel = nil }
            case .ended:
                hasEnded = true
            case .channelOpened, .writable:
                // The server's channels need nothing from us (the table acknowledged them);
                // blocked sends are tried again on the next tick.
                break
            }
        }
    }

    private mutating func openChannel() {
        guard schedule != nil, channel == nil else { return }
        let parameters: DataChannelParameters
        do {
            parameters = try DataChannelParameters(label: Self.channelLabel, ordered: true, reliability: .reliable)
        } catch {
            ownDrops.channelOpenFailures &+= 1
            return
        }
        switch connection.open(parameters) {
        case .success(let id): channel = id
        case .failure: ownDrops.channelOpenFailures &+= 1
        }
    }

    /// Sends every message due at `now` (stamped `now`), until SCTP's buffer is full.
    private mutating func sendDue(now: Int64) {
        guard !isStopped, !hasEnded, let id = channel, let stream, schedule?.isDue(at: now) == true else { return }
        while schedule?.isDue(at: now) == true {
            let probe = ProbeTrailer(stream: stream, sequence: sentCount, sentAt: now)
            message.payload.withUnsafeMutableBytes { _ = probe.write(atEndOf: $0) }
            switch connection.send(message, on: id) {
            case .sent:
                sentCount &+= 1
                counters.dataMessagesSent &+= 1
                counters.dataBytesSent &+= UInt64(message.payload.count)
                if firstMessageSentAt == nil { firstMessageSentAt = now }
                schedule?.advance()
            case .wouldBlock:
                ownDrops.blockedSends &+= 1
                return
            case .refused:
                ownDrops.refusedSends &+= 1
                schedule?.advance()
            }
        }
    }
}
