import LoadModel
import LoadSignalling

/// The server a run measures: which kind, where its API is, how to authenticate, which media
/// addresses besides loopback and the API's host the peers may send to, and its pid (to read
/// its CPU and memory).
public struct LoadTarget: Sendable, Hashable {
    /// The servers the harness can drive.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case switchboard
        case janus
    }

    public var kind: Kind
    /// Switchboard: `http://HOST:PORT`; Janus: `http://HOST:8088/janus`.
    public var url: String
    /// Switchboard's operator key (Janus takes none).
    public var apiKey: String?
    /// IPv4 literals the peers may also send media to.
    public var allowedAddresses: [String]
    public var serverPID: Int32?

    public init(kind: Kind, url: String, apiKey: String?, allowedAddresses: [String] = [], serverPID: Int32? = nil) {
        self.kind = kind
        self.url = url
        self.apiKey = apiKey
        self.allowedAddresses = allowedAddresses
        self.serverPID = serverPID
    }

    /// How a run against a target ended: a report, or why there is none and the exit status.
    public enum Outcome: Sendable {
        case completed(LoadReport)
        case failed(LoadExitStatus, String)
    }

    /// Connects to the target, runs `scenario` (already resolved and valid) against it, and
    /// reports. `progress` gets the phase and per-second lines.
    public func run(_ scenario: LoadScenario, progress: @escaping @Sendable (LoadProgress) -> Void) async -> Outcome {
        let policy: AddressPolicy
        do {
            _ = try HTTPEndpoint(url: url)
            policy = try AddressPolicy(url: url, extraAllowed: allowedAddresses)
        } catch {
            return .failed(.invalidUsage, "\(error)")
        }
        switch kind {
        case .switchboard:
            guard let apiKey, !apiKey.isEmpty else {
                return .failed(.invalidUsage, "--api-key is required for a Switchboard server (its operator key)")
            }
            let backend: SwitchboardBackend
            do {
                backend = try SwitchboardBackend(url: url, apiKey: apiKey)
            } catch {
                return .failed(.serverUnavailable, "\(error)")
            }
            return await run(scenario, backend: backend, policy: policy, progress: progress)
        case .janus:
            let backend: JanusBackend
            do {
                backend = try await JanusBackend(url: url)
            } catch {
                return .failed(.serverUnavailable, "\(error)")
            }
            return await run(scenario, backend: backend, policy: policy, progress: progress)
        }
    }

    private func run<Backend: ConferenceBackend>(_ scenario: LoadScenario, backend: Backend, policy: AddressPolicy,
                                                 progress: @escaping @Sendable (LoadProgress) -> Void) async -> Outcome {
        let runner = LoadRunner(scenario: scenario, backend: backend, policy: policy, serverPID: serverPID, progress: progress)
        do {
            return .completed(try await runner.run())
        } catch {
            return .failed(LoadExitStatus(error: error), error.description)
        }
    }
}
