import TestSupport
import Testing
@testable import RTCWire

/// No input makes parsing, iteration, any accessor or verification trap.
@Suite struct STUNRobustnessTests {
    static let key = STUNIntegrityKey(STUNTestVectors.password)

    /// Built messages covering every builder path, as extra mutation seeds.
    static func builtSeeds() -> [[UInt8]] {
        let id = STUNTestVectors.transactionID
        let builds: [(UnsafeMutableRawBufferPointer) -> Result<Int, STUNBuildError>] = [
            { buffer in
                Array("abcd:efgh".utf8).withUnsafeBytes { username in
                    STUNMessageBuilder.bindingRequest(into: buffer, transactionID: id, username: username, priority: 7,
                                                      role: .controlling(tieBreaker: 9), useCandidate: true, key: key)
                }
            },
            { STUNMessageBuilder.bindingSuccessResponse(into: $0, transactionID: id,
                                                        mappedAddress: .ipv4(address: 0x0A00_0001, port: 5000), key: key) },
            { STUNMessageBuilder.bindingSuccessResponse(into: $0, transactionID: id,
                                                        mappedAddress: .ipv6(high: 1, low: 2, port: 3), key: key) },
            { STUNMessageBuilder.bindingErrorResponse(into: $0, transactionID: id, errorCode: .roleConflict, key: key) },
            { buffer in
                var builder = STUNMessageBuilder(into: buffer, type: .bindingErrorResponse, transactionID: id)
                [UInt8]([0x00, 0x33, 0x80, 0x01]).withUnsafeBytes { builder.append(.unknownAttributes, value: $0) }
                [UInt8]([0, 1, 0x0D, 0x96, 10, 0, 0, 1]).withUnsafeBytes { builder.append(.mappedAddress, value: $0) }
                builder.appendErrorCode(.unknownAttribute)
                builder.appendMessageIntegrity(key: key)
                builder.appendMessageIntegritySHA256(key: key)
                builder.appendFingerprint()
                return builder.finish()
            },
        ]
        return builds.map { build in
            var storage = [UInt8](repeating: 0, count: 256)
            return storage.withUnsafeMutableBytes { buffer in
                guard case .success(let count) = build(buffer) else { return [] }
                return Array(buffer[0..<count])
            }
        }
    }

    /// Touches everything a receiver can ask of a message; returns a value depending on all
    /// of it so that nothing is optimised away.
    static func exercise(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard case .success(let message) = STUNMessage.parse(bytes) else { return 0 }
        var touched = Int(message.messageType.wireValue) &+ Int(truncatingIfNeeded: message.transactionID.low)
        for attribute in message.attributes {
            touched &+= attribute.offset &+ Int(attribute.type.rawValue) &+ attribute.value.count
            for byte in attribute.value { touched &+= Int(byte) }
        }
        touched &+= message.username?.count ?? 0
        touched &+= message.iceUsernameFragments.map { $0.recipient.count &+ $0.sender.count } ?? 0
        touched &+= message.software?.count ?? 0
        touched &+= message.messageIntegrity?.count ?? 0
        touched &+= message.messageIntegritySHA256?.count ?? 0
        touched &+= Int(message.fingerprint ?? 0)
        touched &+= Int(message.xorMappedAddress?.port ?? 0)
        touched &+= Int(message.mappedAddress?.port ?? 0)
        touched &+= Int(message.priority ?? 0)
        touched &+= message.useCandidate ? 1 : 0
        touched &+= Int(truncatingIfNeeded: message.iceControlling ?? 0)
        touched &+= Int(truncatingIfNeeded: message.iceControlled ?? 0)
        touched &+= Int(message.errorCode?.rawValue ?? 0)
        touched &+= message.errorReasonPhrase?.count ?? 0
        for type in message.unknownAttributes ?? STUNUnknownAttributeList(value: UnsafeRawBufferPointer(start: nil, count: 0)) {
            touched &+= Int(type.rawValue)
        }
        touched &+= Int(message.firstUnknownComprehensionRequiredAttribute?.rawValue ?? 0)
        touched &+= message.verifyFingerprint() ? 1 : 0
        touched &+= message.verifyIntegrity(key: key).isValid ? 1 : 0
        return touched
    }

    @Test func hundredThousandRandomAndMutatedPackets() {
        let seeds = STUNTestVectors.rfcMessages + Self.builtSeeds()
        #expect(seeds.allSatisfy { !$0.isEmpty })
        var parsed = 0
        var total = 0
        forEachMutatedPacket(count: 100_000, seed: 0x5354_554E, seeds: seeds) { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            if case .success = STUNMessage.parse(bytes) { parsed += 1 }
            total &+= Self.exercise(bytes)
        }
        // The mutations must reach the attribute code, not only the header checks.
        #expect(parsed > 5_000)
        #expect(total != 0)
    }

    /// Every prefix of every seed is handled.
    @Test func everyTruncation() {
        for seed in STUNTestVectors.rfcMessages + Self.builtSeeds() {
            for length in 0...seed.count {
                _ = Array(seed[0..<length]).withUnsafeBytes { Self.exercise($0) }
            }
        }
    }
}
