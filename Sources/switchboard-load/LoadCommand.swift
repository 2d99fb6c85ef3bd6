import ArgumentParser
import LoadHarness

/// The command line of `switchboard-load`: the target server, the scenario's flags (which
/// override `--scenario FILE`), and how to report.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard-load",
        abstract: "Runs simulated WebRTC peers (real ICE, DTLS and SRTP) against Switchboard or Janus and measures them.",
        discussion: """
            Rooms are made over the server's API, publishers join at the ramp rate and send synthetic \
            audio/video (and data-channel messages), receivers join once the publishers are up, then \
            the measured window runs for --duration seconds. Every packet carries a probe (stream, \
            sequence, send time), so loss, duplicates, reordering and one-way delay are exact.

            Exit status: 0 the run completed cleanly; 1 it completed with failed joins, receivers \
            without media or loss; 2 bad usage or scenario; 3 the server cannot be reached or \
            refused the run's rooms; 4 the harness could not set up its peers.
            """)

    @Option(help: "The server's API: http://HOST:PORT for Switchboard, http://HOST:8088/janus for Janus.")
    var url: String

    @Option(help: "Switchboard's operator key (not used for Janus).")
    var apiKey: String?

    @Option(help: "The kind of server: switchboard or janus.")
    var server: LoadTarget.Kind = .switchboard

    @Option(help: "A scenario file (YAML, or JSON when it ends in .json); flags override it.")
    var scenario: String?

    @Option(help: "Rooms.") var rooms: Int?
    @Option(help: "Publishers per room.") var publishers: Int?
    @Option(help: "Receive-only subscribers per room.") var subscribers: Int?
    @Flag(help: "Publishers also receive the other publishers of their room.") var publishersSubscribe = false
    @Flag(help: "Publishers send audio only (no video).") var audioOnly = false
    @Flag(help: "Video in three simulcast layers (h, m, l at 1, 1/3, 1/10 of the rate).") var simulcast = false
    @Option(help: "Data-channel messages each publisher sends per second (turns the data channel on).")
    var dataMessagesPerSecond: Int?
    @Option(help: "Bytes per data-channel message (turns the data channel on).") var dataMessageBytes: Int?
    @Option(help: "Participants starting to join per second.") var joinRate: Double?
    @Option(help: "Seconds of the measured window (1...3600).") var duration: Double?
    @Option(help: "Share of RTP packets publishers drop before sending (0...0.5).") var loss: Double?
    @Option(help: "The harness's worker threads.") var threads: Int?
    @Option(help: "An SRTP profile the peers offer (repeat for several, in order of preference).")
    var srtpProfile: [String] = []
    @Option(help: "Seconds a participant has from its first API call to its first media.") var connectTimeout: Double?

    @Option(help: "The server's pid, to measure its CPU time and memory from /proc.") var serverPid: Int32?
    @Option(help: "A further IPv4 address the peers may send media to (repeatable; loopback and the URL's host always).")
    var allowAddress: [String] = []

    @Flag(help: "Print the report as one JSON object instead of a table.") var json = false
    @Flag(help: "No progress lines on stderr.") var quiet = false

    var overrides: LoadScenarioOverrides {
        var overrides = LoadScenarioOverrides()
        overrides.rooms = rooms
        overrides.publishersPerRoom = publishers
        overrides.subscribersPerRoom = subscribers
        overrides.publishersSubscribe = publishersSubscribe
        overrides.audioOnly = audioOnly
        overrides.simulcast = simulcast
        overrides.dataMessagesPerSecond = dataMessagesPerSecond
        overrides.dataMessageBytes = dataMessageBytes
        overrides.joinRatePerSecond = joinRate
        overrides.durationSeconds = duration
        overrides.injectedLoss = loss
        overrides.threads = threads
        overrides.srtpProfiles = srtpProfile
        overrides.connectTimeoutSeconds = connectTimeout
        return overrides
    }

    var target: LoadTarget {
        LoadTarget(kind: server, url: url, apiKey: apiKey, allowedAddresses: allowAddress, serverPID: serverPid)
    }
}

extension LoadTarget.Kind: ExpressibleByArgument {}
