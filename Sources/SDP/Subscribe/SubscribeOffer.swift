/// A subscribe offer: the sections the server offers and the description written from them.
///
/// Invariant: `sessionDescription` is `SubscribeOfferer.offer(sections: sections, local:)` for the
/// transport parameters it was made with, so its m-sections match `sections` one to one, in
/// order. Keep it to read the subscriber's answer (`SubscribeAnswerReader`) and to build the
/// next offer (same sections in the same places, ended tracks turned `.inactive`).
public struct SubscribeOffer: Hashable, Sendable {
    public let sections: [SubscribeSection]
    public let sessionDescription: SessionDescription

    public init(sections: [SubscribeSection], local: LocalTransportParameters) {
        self.sections = sections
        self.sessionDescription = SubscribeOfferer.offer(sections: sections, local: local)
    }

    /// The offer as SDP text.
    public var sdp: String { SDPWriter.write(sessionDescription) }
}
