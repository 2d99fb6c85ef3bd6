import RTCWire
import Foundation
import Testing

/// Runs `interop/srtp_peer.py` with the repository's venv Python (`.venv`, made by
/// `scripts/setup.sh`), one JSON request on stdin and one reply on stdout.
enum PythonPeer {
    /// This file's directory in the repository (symlinks resolved, so a dev package that links
    /// the test directory still finds the repository's `.venv`).
    static let testDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    static let repository = testDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let python = repository.appendingPathComponent(".venv/bin/python")
    static let script = testDirectory.appendingPathComponent("interop/srtp_peer.py")

    static func exchange(_ request: PeerRequest) throws -> PeerReply {
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "interop peer missing: \(python.path) does not exist; run scripts/setup.sh to create the venv")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: JSONEncoder().encode(request))
        try input.fileHandleForWriting.close()
        let reply = output.fileHandleForReading.readDataToEndOfFile()
        let diagnostics = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "srtp_peer.py exited with \(process.terminationStatus): \(diagnostics)")
        return try JSONDecoder().decode(PeerReply.self, from: reply)
    }
}

/// Plain hex (no separators), as Python's `bytes.hex()` writes and `bytes.fromhex` reads: the
/// project's `ColonHex` codec with the colons left out.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        ColonHex.encode(bytes).filter { $0 != ":" }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text)
        guard characters.count % 2 == 0, !characters.contains(":") else { return nil }
        if characters.isEmpty { return [] }
        let pairs = stride(from: 0, to: characters.count, by: 2).map { String(characters[$0..<$0 + 2]) }
        return ColonHex.decode(pairs.joined(separator: ":"))
    }
}
