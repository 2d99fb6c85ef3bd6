/// What travels on a worker's command queue: a handler command, or the request to stop.
enum WorkerMessage<Command: Sendable>: Sendable {
    case command(Command)
    case stop
}
