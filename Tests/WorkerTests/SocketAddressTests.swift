import Glibc
import RTCWire
import Testing
@testable import Worker

@Suite("Socket addresses")
struct SocketAddressTests {
    @Test func ipv4RoundTripsThroughSockaddr() {
        let address = STUNTransportAddress.ipv4(address: 0xC000_0201, port: 3478)
        var storage = sockaddr_storage()
        let length = address.write(to: &storage)
        #expect(Int(length) == MemoryLayout<sockaddr_in>.size)
        // Independent view of the same bytes: family, port and address in network order.
        let bytes = withUnsafeBytes(of: storage) { Array($0.prefix(8)) }
        #expect(Int32(storage.ss_family) == AF_INET)
        #expect(Array(bytes[2..<8]) == [0x0D, 0x96, 192, 0, 2, 1])
        #expect(STUNTransportAddress(socketAddress: &storage, length: Int(length)) == address)
    }

    @Test func ipv6RoundTripsThroughSockaddr() {
        // 2001:db8::1 port 5000
        let address = STUNTransportAddress.ipv6(high: 0x2001_0DB8_0000_0000, low: 1, port: 5000)
        var storage = sockaddr_storage()
        let length = address.write(to: &storage)
        #expect(Int(length) == MemoryLayout<sockaddr_in6>.size)
        let bytes = withUnsafeBytes(of: storage) { Array($0.prefix(24)) }
        #expect(Int32(storage.ss_family) == AF_INET6)
        #expect(Array(bytes[2..<4]) == [0x13, 0x88])
        #expect(Array(bytes[8..<24]) == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(STUNTransportAddress(socketAddress: &storage, length: Int(length)) == address)
    }

    @Test func rejectsOtherFamiliesAndShortLengths() {
        var storage = sockaddr_storage()
        storage.ss_family = sa_family_t(AF_UNIX)
        #expect(STUNTransportAddress(socketAddress: &storage, length: MemoryLayout<sockaddr_storage>.size) == nil)
        let address = STUNTransportAddress.ipv6(high: 1, low: 2, port: 3)
        _ = address.write(to: &storage)
        #expect(STUNTransportAddress(socketAddress: &storage, length: 16) == nil)
        #expect(STUNTransportAddress(socketAddress: &storage, length: 1) == nil)
    }

    @Test func parsesNumericHosts() {
        #expect(STUNTransportAddress(numericHost: "127.0.0.1", port: 9) == .ipv4(address: 0x7F00_0001, port: 9))
        #expect(STUNTransportAddress(numericHost: "::1", port: 10) == .ipv6(high: 0, low: 1, port: 10))
        #expect(STUNTransportAddress(numericHost: "fe80::1:2", port: 1) == .ipv6(high: 0xFE80_0000_0000_0000, low: 0x1_0002, port: 1))
        #expect(STUNTransportAddress(numericHost: "localhost", port: 1) == nil)
        #expect(STUNTransportAddress(numericHost: "1.2.3.4.5", port: 1) == nil)
        #expect(STUNTransportAddress.ipv4(address: 1, port: 2).withPort(7) == .ipv4(address: 1, port: 7))
    }
}
