// libFuzzer entry for STUN: parse, iterate, read every attribute, verify, then answer a
// parsed message and check that the answer verifies (an oracle, not only "no crash").
// Built by scripts/fuzz.sh together with the RTCWire sources in one module.

/// The ICE password the fuzzer's messages are checked and answered with.
private let fuzzKey = STUNIntegrityKey(Array("VOkJxbRl1RmTxUk/WvJxBt".utf8))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { input.deallocate() }
    if size > 0 { input.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size)) }
    guard case .success(let message) = STUNMessage.parse(UnsafeRawBufferPointer(input)) else { return 0 }

    var touched = 0
    for attribute in message.attributes {
        for byte in attribute.value { touched &+= Int(byte) }
    }
    touched &+= message.iceUsernameFragments.map { $0.recipient.count &+ $0.sender.count } ?? 0
    touched &+= (message.software?.count ?? 0) &+ (message.messageIntegrity?.count ?? 0)
    touched &+= (message.messageIntegritySHA256?.count ?? 0) &+ Int(message.fingerprint ?? 0)
    touched &+= Int(message.mappedAddress?.port ?? 0) &+ Int(message.priority ?? 0)
    touched &+= Int(truncatingIfNeeded: (message.iceControlling ?? 0) ^ (message.iceControlled ?? 0))
    touched &+= Int(message.errorCode?.rawValue ?? 0) &+ (message.errorReasonPhrase?.count ?? 0)
    for type in message.unknownAttributes.map(Array.init) ?? [] { touched &+= Int(type.rawValue) }
    touched &+= Int(message.firstUnknownComprehensionRequiredAttribute?.rawValue ?? 0)
    touched &+= message.useCandidate ? 1 : 0
    touched &+= message.verifyFingerprint() ? 1 : 0
    touched &+= message.verifyIntegrity(key: fuzzKey).isValid ? 1 : 0

    // Answer it as an ICE-lite agent would, then the answer must parse and verify.
    let address = message.xorMappedAddress ?? .ipv4(address: UInt32(truncatingIfNeeded: touched), port: 3478)
    let answer = UnsafeMutableRawBufferPointer.allocate(byteCount: 128, alignment: 1)
    defer { answer.deallocate() }
    let built = STUNMessageBuilder.bindingSuccessResponse(into: answer, transactionID: message.transactionID,
                                                          mappedAddress: address, key: fuzzKey)
    guard case .success(let count) = built,
          case .success(let reply) = STUNMessage.parse(UnsafeRawBufferPointer(rebasing: answer[0..<count])),
          reply.verifyFingerprint(), reply.verifyIntegrity(key: fuzzKey) == .valid(.hmacSHA1),
          reply.xorMappedAddress == address, reply.transactionID == message.transactionID
    else { fatalError("a built Binding success response does not verify: \(built)") }
    return 0
}
