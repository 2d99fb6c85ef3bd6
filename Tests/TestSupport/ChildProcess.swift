import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process of a test, with its output captured: the `switchboard` server or a peer.
///
/// Invariant: the process is killed (SIGKILL) when this object goes away while it still runs, so
/// a failing test never leaves a process behind. SIGKILL, not SIGTERM, for clean-up: a process
/// spawned from a Swift Testing thread may inherit a signal mask in which SIGTERM is blocked.
public final class ChildProcess {
    private let process = Process()
    private let standardOutput = CapturedOutput()
    private let standardError = CapturedOutput()

    /// Starts `executable` in `workingDirectory` (default: the temporary folder) with exactly
    /// `environment` (nothing inherited).
    public init(executable: URL, arguments: [String], environment: [String: String] = [:],
                workingDirectory: URL? = nil) throws {
        process.executableURL = executable
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

    deinit { kill() }

    public var pid: pid_t { process.processIdentifier }
    public var output: String { standardOutput.text }
    public var errorOutput: String { standardError.text }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        Glibc.kill(process.processIdentifier, signal)
    }

    /// Kills the process if it still runs and reaps it.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits until a line of stdout contains `marker` and returns that line.
    public func waitForLine(containing marker: String, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Look before judging the deadline: on a loaded machine this task may resume from
            // its sleep late, after the line arrived.
            if let line = output.split(separator: "\n").first(where: { $0.contains(marker) }) {
                return String(line)
            }
            guard process.isRunning, ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError(
            "no line containing \"\(marker)\" within \(timeout); running: \(process.isRunning)\n"
                + "stdout:\n\(output)\nstderr:\n\(errorOutput)")
    }

    /// Waits for the process to exit and returns its exit status: nil when it was killed by a
    /// signal, or still ran at the deadline (it is then killed). The captured output is complete
    /// when this returns.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard !process.isRunning else {
            kill()
            return nil
        }
        // Let the pipe readers deliver the last bytes.
        try await Task.sleep(for: .milliseconds(100))
        return process.terminationReason == .exit ? process.terminationStatus : nil
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

/// A failure of a test harness itself (no executable, a timeout, a missing tool), with what was
/// seen.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
