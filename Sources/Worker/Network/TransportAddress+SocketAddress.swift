import Glibc
import RTCWire

/// The worker's socket address is RTCWire's `STUNTransportAddress` (an IPv4 or IPv6 address and
/// a port, kept as plain integers): this file converts it to and from the kernel's `sockaddr`.
/// IPv6 flow labels and scope ids are not kept, so link-local peers are not supported.
extension STUNTransportAddress {
    /// The address in a `sockaddr_in` or `sockaddr_in6` of `length` bytes, or nil for another
    /// family or a length too short for its family. No allocation.
    init?(socketAddress: UnsafeRawPointer, length: Int) {
        guard length >= MemoryLayout<sa_family_t>.size else { return nil }
        switch Int32(socketAddress.loadUnaligned(as: sa_family_t.self)) {
        case AF_INET:
            guard length >= MemoryLayout<sockaddr_in>.size else { return nil }
            let address = socketAddress.loadUnaligned(as: sockaddr_in.self)
            self = .ipv4(address: UInt32(bigEndian: address.sin_addr.s_addr), port: UInt16(bigEndian: address.sin_port))
        case AF_INET6:
            guard length >= MemoryLayout<sockaddr_in6>.size else { return nil }
            let address = socketAddress.loadUnaligned(as: sockaddr_in6.self)
            let (high, low) = withUnsafeBytes(of: address.sin6_addr) { bytes in
                (UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
                 UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            }
            self = .ipv6(high: high, low: low, port: UInt16(bigEndian: address.sin6_port))
        default:
            return nil
        }
    }

    /// Writes the address as a `sockaddr_in` or `sockaddr_in6` at `storage` (which must hold a
    /// `sockaddr_storage`) and returns its length. No allocation.
    func write(to storage: UnsafeMutableRawPointer) -> socklen_t {
        switch self {
        case .ipv4(let address, let port):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            socketAddress.sin_addr = in_addr(s_addr: address.bigEndian)
            storage.storeBytes(of: socketAddress, as: sockaddr_in.self)
            return socklen_t(MemoryLayout<sockaddr_in>.size)
        case .ipv6(let high, let low, let port):
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { bytes in
                bytes.storeBytes(of: high.bigEndian, as: UInt64.self)
                bytes.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
            }
            storage.storeBytes(of: socketAddress, as: sockaddr_in6.self)
            return socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
    }

    /// The socket family to open for this address (`AF_INET` or `AF_INET6`).
    var socketFamily: Int32 {
        switch self {
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }

    /// The same address with another port (e.g. 0 → the ephemeral port the kernel chose).
    public func withPort(_ port: UInt16) -> STUNTransportAddress {
        switch self {
        case .ipv4(let address, _): .ipv4(address: address, port: port)
        case .ipv6(let high, let low, _): .ipv6(high: high, low: low, port: port)
        }
    }

    /// Parses a numeric IPv4 ("127.0.0.1") or IPv6 ("::1") host with `inet_pton`; nil for
    /// anything else (names are not resolved). For configuration, not for the hot path.
    public init?(numericHost host: String, port: UInt16) {
        var storage = sockaddr_storage()
        let parsed: Self? = withUnsafeMutableBytes(of: &storage) { bytes in
            if inet_pton(AF_INET, host, bytes.baseAddress) == 1 {
                let address = UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
                return .ipv4(address: address, port: port)
            }
            if inet_pton(AF_INET6, host, bytes.baseAddress) == 1 {
                return .ipv6(high: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
                             low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                             port: port)
            }
            return nil
        }
        guard let parsed else { return nil }
        self = parsed
    }
}
