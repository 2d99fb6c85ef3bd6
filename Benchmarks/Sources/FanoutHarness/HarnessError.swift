/// Why the fan-out harness could not set up a run, or what it found wrong while running one.
public enum HarnessError: Error, CustomStringConvertible {
    /// A set-up step failed (socket, pool, SDP, DTLS context); the text names the step.
    case setup(String)
    /// A phase did not finish within its deadline; the text says what was still missing.
    case timedOut(String)
    /// Forwarded packets were not what the publisher sent (wrong SSRC, bad decryption, gaps).
    case verification(String)

    public var description: String {
        switch self {
        case .setup(let step): "fan-out harness set-up failed: \(step)"
        case .timedOut(let phase): "fan-out harness timed out: \(phase)"
        case .verification(let problem): "fan-out verification failed: \(problem)"
        }
    }
}
