import Benchmark
import BenchmarkSupport
import RTCWire

/// What an ICE-lite agent does with every connectivity check: parse, split the username, verify
/// FINGERPRINT and MESSAGE-INTEGRITY, and answer with a success response.
func stunBenchmarks() {
    let key = STUNIntegrityKey(Array("pQ3rS7tU9vW1xY5zA2bC4dE6".utf8))
    let request: PacketBuffer = {
        var bytes = [UInt8](repeating: 0, count: 512)
        let username = Array("srvUfrag:cliUfrag".utf8)
        let length = bytes.withUnsafeMutableBytes { buffer in
            username.withUnsafeBytes { name in
                try! STUNMessageBuilder.bindingRequest(
                    into: buffer, transactionID: STUNTransactionID(high: 0x0102_0304, low: 0x0506_0708_090A_0B0C),
                    username: name, priority: 0x6E00_1EFF, role: .controlling(tieBreaker: 0x1122_3344_5566_7788),
                    useCandidate: true, key: key).get()
            }
        }
        return PacketBuffer(copying: Array(bytes[..<length]))
    }()

    Benchmark("STUN parse+verify (integrity+fingerprint)", configuration: perPacketConfiguration) { benchmark in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            guard case .success(let message) = STUNMessage.parse(
                UnsafeRawBufferPointer(rebasing: request.bytes[..<request.length])) else { fatalError("parse failed") }
            blackHole(message.iceUsernameFragments)
            blackHole(message.verifyFingerprint())
            blackHole(message.verifyIntegrity(key: key))
        }
    }

    Benchmark("STUN binding success response build", configuration: perPacketConfiguration) { benchmark in
        let response = PacketBuffer(copying: [], capacity: 512)
        let transactionID = STUNTransactionID(high: 1, low: 2)
        let source = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 50_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(STUNMessageBuilder.bindingSuccessResponse(into: response.bytes, transactionID: transactionID,
                                                                mappedAddress: source, key: key))
        }
    }
}
