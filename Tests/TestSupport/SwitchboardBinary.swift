import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the tests find the built server, and the loopback ports they give it.
public enum SwitchboardBinary {
    /// The `switchboard` executable next to the test bundle, in the same build directory
    /// (`swift test` builds and links every product, this one included, before running tests).
    public static func executableURL() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = testBinary.deletingLastPathComponent().appendingPathComponent("switchboard")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw HarnessError("no switchboard executable at \(executable.path): run `swift build`")
        }
        return executable
    }

    /// Starts the server with `arguments`, on a UDP port of its own (one the kernel just handed
    /// out) unless the arguments name one, so that servers of concurrent tests never collide.
    public static func start(arguments: [String], environment: [String: String] = [:],
                             workingDirectory: URL? = nil) throws -> ChildProcess {
        var arguments = arguments
        if !arguments.contains("--udp-port") {
            arguments += ["--udp-port", String(try freeUDPPort())]
        }
        return try ChildProcess(executable: executableURL(), arguments: arguments, environment: environment,
                                workingDirectory: workingDirectory)
    }

    /// A UDP port on 127.0.0.1 the kernel just handed out (bound to 0, then released).
    public static func freeUDPPort() throws -> Int { try freePort(socketType: Int32(SOCK_DGRAM.rawValue)) }

    /// A TCP port on 127.0.0.1 the kernel just handed out (bound to 0, then released).
    public static func freeTCPPort() throws -> Int { try freePort(socketType: Int32(SOCK_STREAM.rawValue)) }

    private static func freePort(socketType: Int32) throws -> Int {
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw HarnessError("bind/getsockname failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
