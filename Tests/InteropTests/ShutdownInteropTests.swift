import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM with real peers connected: an aiortc publisher and subscriber each get an RTCP BYE
/// for the SSRCs the server sent them and the server's DTLS close_notify, their event streams
/// end, and the server exits 0. The same run checks the log's redaction of the peers' addresses
/// and ICE credentials (at debug level, where most is logged), and that `--log-unredacted`
/// shows them.
@Suite("interop: aiortc peers see the server shut down", .serialized, .timeLimit(.minutes(4)))
struct ShutdownInteropTests {
    /// The server's feedback SSRC (MediaWorkerHandler.feedbackSenderSSRC): what it sends a
    /// publisher from.
    static let serverFeedbackSSRC: UInt32 = 1

    /// Lines in which the server shows its own configured addresses (not a peer's).
    static func isServerAddressLine(_ line: Substring) -> Bool {
        line.contains("config: ") || line.contains("ready: listening on") || line.contains("Server started and listening")
    }

    @Test("SIGTERM: BYE and close_notify reach both peers, their event streams end, exit 0; the log redacts them unless told",
          arguments: [false, true])
    func sigterm(unredacted: Bool) async throws {
        let server = try await InteropServer(
            workers: 2, settings: ["SWITCHBOARD_LOG_LEVEL": "debug"], arguments: unredacted ? ["--log-unredacted"] : [])
        defer { server.process.kill() }
        let room = "shutdown"
        try await server.makeRoom(room)
        let publisherToken = try await server.makeParticipant(room: room, id: "pub")
        let subscriberToken = try await server.makeParticipant(room: room, id: "sub")
        let publisher = try ShutdownPeer(server: server, room: room, participant: "pub", token: publisherToken, role: .publish)
        try await publisher.waitUntilReady()
        try await server.waitUntilPublishing(room: room, participant: "pub", tracks: 2, timeout: .seconds(20))
        let subscriber = try ShutdownPeer(server: server, room: room, participant: "sub", token: subscriberToken, role: .subscribe)
        try await subscriber.waitUntilReady()

        let signalled = ContinuousClock.now
        server.process.send(SIGTERM)
        let status = try await server.process.waitForExit(timeout: .seconds(15))
        let took = ContinuousClock.now - signalled
        let output = server.process.output
        #expect(status == 0, "stdout:\n\(output)\nstderr:\n\(server.process.errorOutput)")
        // Within the 10 s grace without the deadline's hard stop (loose bound: CI load delays the
        // test's own polling).
        #expect(took < .seconds(8), "exit took \(took)")
        #expect(!output.contains("exiting now"), "the grace deadline fired:\n\(output)")
        #expect(output.contains("shutdown: closed 2 transports: 2 RTCP goodbyes (RR + BYE), 2 DTLS close_notify"), "\(output)")

        let sent = try await publisher.report()
        let received = try await subscriber.report()
        for report in [sent, received] {
            #expect(report.errors.isEmpty, "\(report)")
            #expect(report.connected, "\(report)")
            let closeNotify = try #require(report.closeNotifyAtMs, "no close_notify: \(report)")
            let bye = try #require(report.firstByeAtMs, "no BYE: \(report)")
            #expect(bye <= closeNotify, "the BYE comes before close_notify: \(report)")
            #expect(report.dtlsState == "closed", "\(report)")
            #expect(report.eventStreamEndedAtMs != nil, "the event stream did not end: \(report)")
        }
        #expect(sent.byeSources == [Self.serverFeedbackSSRC], "\(sent)")
        // The subscriber hears BYE for exactly the SSRCs the server offered it (audio and video).
        #expect(received.offeredSSRCs.count == 2, "\(received)")
        #expect(received.byeSources.sorted() == received.offeredSSRCs.sorted(), "\(received)")
        #expect(received.framesReceived > 0)
        let gaps = [sent, received].map { Int(($0.closeNotifyAtMs ?? 0) - ($0.firstByeAtMs ?? 0)) }
        print("""
            shutdown interop (unredacted: \(unredacted)): exit 0 \(took) after SIGTERM; publisher BYE \(sent.byeSources), \
            subscriber BYE \(received.byeSources) for offered \(received.offeredSSRCs); close_notify \(gaps) ms after the BYE
            """)

        // One line per transport state change; the selected pair's remote address redacted or not.
        let stateLines = output.split(separator: "\n").filter { $0.contains("transport state") && $0.contains("state=connected") }
        #expect(stateLines.count == 2, "\(stateLines)")
        let ports = sent.localPorts + received.localPorts
        let serverUfrags = [sent.remoteUfrag, received.remoteUfrag].compactMap { $0 }
        // aiortc's own ufrags are 4 characters: too short to search a whole log for.
        let ufrags = serverUfrags + [sent.localUfrag, received.localUfrag].compactMap { $0 }.filter { $0.count >= 8 }
        #expect(!ports.isEmpty && serverUfrags.count == 2, "\(sent) \(received)")
        if unredacted {
            #expect(stateLines.allSatisfy { line in ports.contains { line.contains("remote=127.0.0.1:\($0)") } }, "\(stateLines)")
            // The server's own ufrags, in its debug lines.
            #expect(serverUfrags.allSatisfy { output.contains("ufrag=\($0)") }, "\(output)")
        } else {
            #expect(stateLines.allSatisfy { $0.contains("remote=<redacted>") }, "\(stateLines)")
            for line in output.split(separator: "\n") where !Self.isServerAddressLine(line) {
                #expect(!line.contains("127.0.0.1"), "an address in: \(line)")
                for port in ports { #expect(!line.contains(":\(port)"), "a peer's port in: \(line)") }
                for ufrag in ufrags { #expect(!line.contains(ufrag), "an ICE ufrag in: \(line)") }
            }
        }
    }
}
