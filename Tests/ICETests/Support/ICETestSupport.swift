// Shared fixtures: credentials, addresses, a connectivity-check builder playing the browser
// (the controlling full agent), and helpers that drain an agent's outputs.

import ICE
import RTCWire

enum Fixture {
    // Literals that satisfy RFC 8839's grammar; `try!` cannot fail on them.
    static let local = try! ICECredentials(usernameFragment: "sfuFrag0123456789", password: "sfuPassword0123456789abcdefghij+/")
    static let remote = try! ICECredentials(usernameFragment: "Brw5", password: "browserPassword0123456")
    static let interface = ICELocalInterface(rawValue: 0)
    /// 192.168.1.2:54321
    static let hostIPv4 = STUNTransportAddress.ipv4(address: 0xC0A8_0102, port: 54321)
    /// 203.0.113.9:40000 (the same peer after a network change)
    static let otherIPv4 = STUNTransportAddress.ipv4(address: 0xCB00_7109, port: 40000)
    /// [2001:db8::1:2]:61000
    static let hostIPv6 = STUNTransportAddress.ipv6(high: 0x2001_0DB8_0000_0000, low: 0x0000_0000_0001_0002, port: 61000)
    static let start = Timestamp(nanoseconds: 1_000_000_000_000)

    static func agent(remote: ICECredentials? = Fixture.remote,
                      configuration: ICEAgentConfiguration = ICEAgentConfiguration()) -> ICELiteAgent {
        ICELiteAgent(localCredentials: local, remoteCredentials: remote, configuration: configuration, now: start)
    }

    /// 10.0.0.1 + index, port 5000 + index: distinct remote addresses.
    static func address(_ index: Int) -> STUNTransportAddress {
        .ipv4(address: 0x0A00_0001 &+ UInt32(index), port: 5000 &+ UInt16(index))
    }
}

/// A Binding request as the controlling peer sends it, with knobs to break it.
struct Check {
    enum Role { case controlling, controlled, none }
    enum Fingerprint { case valid, absent, corrupted }

    var username: String? = Fixture.local.usernameFragment + ":" + Fixture.remote.usernameFragment
    /// The MESSAGE-INTEGRITY key; nil leaves the attribute out.
    var password: String? = Fixture.local.password
    var useCandidate = false
    var role = Role.controlling
    var fingerprint = Fingerprint.valid
    var extraAttribute: (STUNAttributeType, [UInt8])?
    var transactionID = STUNTransactionID(high: 0x0102_0304, low: 0x0506_0708_090A_0B0C)
    var messageType = STUNMessageType.bindingRequest

    var bytes: [UInt8] {
        Self.message(type: messageType, transactionID: transactionID, password: password, fingerprint: fingerprint) { builder in
            if let username { Array(username.utf8).withUnsafeBytes { builder.appendUsername($0) } }
            builder.appendPriority(0x6E00_1EFF)
            switch role {
            case .controlling: builder.appendICEControlling(tieBreaker: 0x0BAD_CAFE_F00D_0001)
            case .controlled: builder.appendICEControlled(tieBreaker: 0x0BAD_CAFE_F00D_0002)
            case .none: break
            }
            if useCandidate { builder.appendUseCandidate() }
            if let (type, value) = extraAttribute { value.withUnsafeBytes { builder.append(type, value: $0) } }
        }
    }

    /// A STUN message of `type`: `attributes` adds its own attributes, then MESSAGE-INTEGRITY
    /// with `password` (none when nil) and the FINGERPRINT as `fingerprint` says.
    static func message(type: STUNMessageType, transactionID: STUNTransactionID, password: String?, fingerprint: Fingerprint,
                        attributes: (inout STUNMessageBuilder) -> Void) -> [UInt8] {
        var storage = [UInt8](repeating: 0, count: 512)
        let count = storage.withUnsafeMutableBytes { buffer -> Int in
            var builder = STUNMessageBuilder(into: buffer, type: type, transactionID: transactionID)
            attributes(&builder)
            if let password { builder.appendMessageIntegrity(key: STUNIntegrityKey(Array(password.utf8))) }
            if fingerprint != .absent { builder.appendFingerprint() }
            guard case .success(let count) = builder.finish() else { return 0 }
            return count
        }
        var bytes = Array(storage[0..<count])
        if fingerprint == .corrupted { bytes[bytes.count - 1] ^= 0x01 }
        return bytes
    }
}

/// One datagram the agent asked to send.
struct Sent {
    let transmit: ICETransmit
    let bytes: [UInt8]

    /// Parses the datagram with RTCWire's parser and hands the view to `body`.
    func withMessage<Result>(_ body: (STUNMessage) -> Result) -> Result? {
        bytes.withUnsafeBytes { raw in
            guard case .success(let message) = STUNMessage.parse(raw) else { return nil }
            return body(message)
        }
    }

    var errorCode: STUNErrorCode? { withMessage { $0.errorCode } ?? nil }
    var messageType: STUNMessageType? { withMessage { $0.messageType } }
    var hasMessageIntegrity: Bool { withMessage { $0.attribute(.messageIntegrity) != nil } ?? false }
    var fingerprintIsValid: Bool { withMessage { $0.verifyFingerprint() } ?? false }

    func integrity(password: String) -> STUNIntegrityResult? {
        withMessage { $0.verifyIntegrity(key: STUNIntegrityKey(Array(password.utf8))) }
    }
}

extension ICELiteAgent {
    /// Hands `check` to the agent.
    @discardableResult
    mutating func receive(_ check: Check, from source: STUNTransportAddress = Fixture.hostIPv4,
                          on interface: ICELocalInterface = Fixture.interface, at now: Timestamp) -> ICEInputOutcome {
        check.bytes.withUnsafeBytes { handleSTUN($0, from: source, on: interface, now: now) }
    }

    /// Takes every queued datagram, through a buffer of `bufferSize` bytes.
    mutating func drainTransmits(bufferSize: Int = 1500) -> [Sent] {
        var sent: [Sent] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while let transmit = buffer.withUnsafeMutableBytes({ pollTransmit(into: $0) }) {
            sent.append(Sent(transmit: transmit, bytes: Array(buffer[0..<transmit.byteCount])))
        }
        return sent
    }

    /// Takes every queued event.
    mutating func drainEvents() -> [ICEEvent] {
        var events: [ICEEvent] = []
        while let event = pollEvent() { events.append(event) }
        return events
    }
}

extension Timestamp {
    /// `seconds` after the fixture's start time.
    static func atSecond(_ seconds: Int64) -> Timestamp { Fixture.start + .seconds(seconds) }
}
