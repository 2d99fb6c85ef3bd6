import Synchronization

/// Why a command sent to a worker got no reply.
public enum WorkerCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The worker had already stopped: the command was never queued.
    case workerStopped
    /// The worker's command ring was full (the worker is behind): the command was never queued.
    /// The control plane may retry later.
    case workerBusy
    /// The command was released without a reply: the worker stopped before handling it, or its
    /// handler did not answer.
    case noReply

    public var description: String {
        switch self {
        case .workerStopped: "the worker has stopped and takes no more commands"
        case .workerBusy: "the worker's command queue is full; try again later"
        case .noReply: "the worker dropped the command without replying (stopping, or the handler did not answer)"
        }
    }
}

/// A one-shot reply channel from a worker to the control-plane task awaiting it
/// (`WorkerThread.request`). A command that wants an answer carries one; the handler calls
/// `succeed` on the worker thread, which resumes the awaiting task.
///
/// Invariants: the awaiting task is resumed exactly once: by the first `succeed`, or with
/// `WorkerCommandError.noReply` when the last reference goes away unanswered (so a command
/// dropped at shutdown can never leave its caller suspended forever). Later `succeed`s are ignored.
public final class CommandReply<Value: Sendable>: Sendable {
    private let continuation: CheckedContinuation<Result<Value, WorkerCommandError>, Never>
    private let isAnswered = Atomic(false)

    init(_ continuation: CheckedContinuation<Result<Value, WorkerCommandError>, Never>) {
        self.continuation = continuation
    }

    deinit { resume(with: .failure(.noReply)) }

    /// Answers the command. Only the first call has an effect.
    public func succeed(_ value: Value) { resume(with: .success(value)) }

    func fail(_ error: WorkerCommandError) { resume(with: .failure(error)) }

    private func resume(with result: Result<Value, WorkerCommandError>) {
        guard !isAnswered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        continuation.resume(returning: result)
    }
}
