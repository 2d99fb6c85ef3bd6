public import MediaContract
public import SDP

/// What the control plane asks of the media side (the worker threads that own ICE, DTLS, SRTP
/// and forwarding). The control plane never touches a transport itself: it calls these methods,
/// and the engine relays each call as a command to the worker that owns the transport.
///
/// Requirements on a conforming engine:
/// - A participant has at most one publish transport. ``openPublishTransport(room:participant:)``
///   creates it on the first call and returns the same one afterwards: the same ICE ufrag and
///   pwd, the same DTLS certificate (fingerprint), the same candidates and `sessionID`, with
///   `sessionVersion` one higher than in the previous answer (renegotiation is never an ICE
///   restart).
/// - ``applyPublishAnswer(room:participant:answer:)`` hands the negotiated media (accepted
///   sections, codecs, header extensions, SSRCs/rids, data channel) and the publisher's ICE and
///   DTLS parameters to the transport; a later call replaces what an earlier one set.
/// - The close methods are idempotent and never fail: closing what is not open does nothing.
///   ``closeRoom(_:)`` closes every transport of the room.
/// - ``transportStates(room:participant:)`` reports each of the participant's transports the
///   engine knows of: open ones (`connecting` or `connected`), and gone ones while the
///   participant stays (`disconnected` if it had connected, `failed` if it ended without);
///   ``closeTransports(room:participant:)`` and ``closeRoom(_:)`` forget them all.
/// - ``dataChannels(room:participant:)`` lists the channels the participant's peer has open on
///   its publish transport now (none once that transport closed).
/// - Every method is safe to call from any task, concurrently.
public protocol MediaEngine: Sendable {
    /// Opens the participant's publish transport, or returns the open one (see above), with
    /// the candidates of the worker that owns it.
    func openPublishTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters

    /// Applies an answer the server wrote for an offer on the participant's publish transport.
    func applyPublishAnswer(room: String, participant: String, answer: PublishAnswer) async throws(MediaEngineError)

    /// Opens the participant's subscribe transport, or returns the open one, as
    /// ``openPublishTransport(room:participant:)`` does for the publish transport.
    func openSubscribeTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters

    /// Applies what the subscriber's latest answer settled: its transport parameters (the first
    /// time) and the full set of tracks it receives now (consumers not listed are removed;
    /// listed ones keep their sequence and timestamp continuity).
    func applySubscription(room: String, participant: String, subscription: Subscription) async throws(MediaEngineError)

    /// Closes the participant's publish transport; its tracks end.
    func closePublishTransport(room: String, participant: String) async

    /// Closes every transport of the participant (it left or was removed).
    func closeTransports(room: String, participant: String) async

    /// Closes every transport of the room (it was deleted or timed out empty).
    func closeRoom(_ room: String) async

    /// The connection state of each transport of the participant the engine knows of (see above).
    func transportStates(room: String, participant: String) async -> [TransportRole: TransportConnectionState]

    /// The data channels the participant has open on its publish transport (its `dataChannels`
    /// list; see above).
    func dataChannels(room: String, participant: String) async -> [DataChannelDescription]

    /// Sets the one function told of every ``TransportStateChange``, in order per transport
    /// (called from the engine's threads; it must not block). Set once, before any transport
    /// opens; a later call replaces it.
    func onTransportStateChange(_ handler: @escaping @Sendable (TransportStateChange) -> Void)
}
