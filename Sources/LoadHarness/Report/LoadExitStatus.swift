/// The exit status of `switchboard-load`, and what each means.
public enum LoadExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// The run completed: everyone joined, every receiver got media, nothing was lost.
    case clean = 0
    /// The run completed, but some participant did not join, a receiver got no media, or
    /// packets were lost.
    case degraded = 1
    /// Bad usage or an invalid scenario.
    case invalidUsage = 2
    /// The server could not be reached, or refused the run's setup (its rooms).
    case serverUnavailable = 3
    /// The harness could not set up its peers (sockets, threads, DTLS).
    case harnessFailure = 4

    /// The status of a completed run.
    public init(report: LoadReport) {
        self = report.isClean ? .clean : .degraded
    }

    /// The status of a run that could not be carried out.
    public init(error: LoadRunError) {
        switch error {
        case .invalidScenario: self = .invalidUsage
        case .signalling: self = .serverUnavailable
        case .peers: self = .harnessFailure
        }
    }
}
