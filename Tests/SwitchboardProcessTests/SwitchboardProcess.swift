import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `switchboard` process started from the built executable, with its output captured.
///
/// Invariant: the process is killed (SIGKILL) when this object goes away while it still runs, so
/// a failing test never leaves a server behind.
final class SwitchboardProcess {
    /// The executable next to the test bundle, in the same build directory (`swift test` builds
    /// and links every product, this one included, before running tests).
    static func executableURL() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = testBinary.deletingLastPathComponent().appendingPathComponent("switchboard")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw HarnessError("no switchboard executable at \(executable.path): run `swift build`")
        }
        return executable
    }

    private let process: Process
    private let standardOutput = CapturedOutput()
    private let standardError = CapturedOutput()

    /// Starts the server in `workingDirectory` with exactly `environment` (nothing inherited).
    init(arguments: [String], environment: [String: String] = [:], workingDirectory: URL? = nil) throws {
        process = Process()
        process.executableURL = try Self.executableURL()
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = workingDirectory ?? FileManager.default.temporaryDirectory
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        standardOutput.capture(outputPipe)
        standardError.capture(errorPipe)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: pid_t { process.processIdentifier }

    var output: String { standardOutput.text }
    var errorOutput: String { standardError.text }

    /// Waits until a line of stdout contains `marker` and returns that line.
    func waitForLine(containing marker: String, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = output.split(separator: "\n").first(where: { $0.contains(marker) }) {
                return String(line)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError(
            "no line containing \"\(marker)\" within \(timeout); running: \(process.isRunning)\n"
                + "stdout:\n\(output)\nstderr:\n\(errorOutput)")
    }

    /// Waits for the process to exit and returns its exit status (nil: still running at the
    /// deadline, or killed by a signal).
    func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard !process.isRunning, process.terminationReason == .exit else { return nil }
        return process.terminationStatus
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}

/// Everything a pipe delivered so far, filled from Foundation's reader thread.
final class CapturedOutput: Sendable {
    private let data = Mutex(Data())

    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }

    func capture(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
            } else {
                data.withLock { $0.append(chunk) }
            }
        }
    }
}

/// A failure of the test harness itself (no executable, a timeout), with what was seen.
struct HarnessError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
