public import Hummingbird

/// `GET /v1/rooms/{room}/participants/{participant}/events`: the participant's room events as
/// Server-Sent Events (`text/event-stream`), first `room`, then the events for that participant
/// until the room closes, the participant leaves, or the stream overflows (see ``EventStream``).
///
/// Credentials as for the other participant endpoints — an operator key or that participant's
/// own token — with the token also accepted as `?token=` (a browser's EventSource cannot set
/// headers): 401/403 first, then 404 for an unknown room or participant. While the stream is
/// quiet a `: keep-alive` comment goes out every `keepAliveInterval`, which also finds out a
/// reader that went away.
public struct EventsController: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    public let keepAliveInterval: Duration
    /// The clock of the keep-alives.
    public let clock: any Clock<Duration>

    public init(
        directory: RoomDirectory, authenticator: Authenticator, keepAliveInterval: Duration = .seconds(15),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.directory = directory
        self.authenticator = authenticator
        self.keepAliveInterval = keepAliveInterval
        self.clock = clock
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path: RouterPath = "/v1/rooms/{room}/participants/{participant}/events"
        router.get(path) { request, context in
            try await events(request, room: context.parameters.get("room") ?? "", participant: context.parameters.get("participant") ?? "")
        }
        router.rejectOtherMethods(on: path, allowing: [.get])
    }

    func events(_ request: Request, room: String, participant: String) async throws -> Response {
        _ = try await authenticator.authorize(
            request, for: .participant(room: room, participant: participant), acceptsQueryToken: true)
        let stream = try await directory.eventStream(of: participant, in: room)
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: body(of: stream))
    }

    /// Writes the stream's items as they come, with keep-alives in between; when the stream
    /// ends the answer ends, and when the writing fails (the reader left) the stream is closed.
    private func body(of stream: EventStream) -> ResponseBody {
        let clock = clock
        let interval = keepAliveInterval
        return ResponseBody { writer in
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while true {
                            try await clock.sleep(for: interval)
                            stream.keepAlive()
                        }
                    }
                    for await item in stream {
                        try await writer.write(try ServerSentEventFrame.bytes(of: item))
                    }
                    group.cancelAll()
                }
            } catch {
                stream.close()
                throw error
            }
            try await writer.finish(nil)
        }
    }
}
