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

/// Lower-case hex, as Python's `bytes.hex()` writes and `bytes.fromhex` reads.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
