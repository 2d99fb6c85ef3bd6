public import LoadModel

/// The SDP a simulated peer writes and reads, built on module SDP's model, parser and writer.
///
/// - `publishOffer`: one BUNDLE transport with a sendonly section per mid of the streams (Opus,
///   VP8 with simulcast rids when the streams have them) and optionally `m=application` for
///   data channels; ICE credentials, the sha-256 fingerprint, `a=setup:actpass`, rtcp-mux and
///   one host candidate (the transport's own socket) with `a=end-of-candidates`.
/// - `readPublishAnswer`: what the server's answer says about its side, which header extension
///   ids it accepted, and whether it accepted every section the streams need.
/// - `answerSubscribeOffer`: accepts each offered audio/video section with its first Opus/VP8
///   codec as recvonly, the data section when asked, rejects the rest (port 0), keeping mids and
///   order.
///
/// Invariants: every description written parses with `SDPParser`; every remote description
/// returned satisfies `RemoteTransportDescription`'s invariants (credentials, at least one
/// fingerprint, at least one candidate the `AddressPolicy` allows), otherwise the call throws
/// `SignallingError.malformed` naming what is missing.
public enum PeerSDP {
    /// The mid of the data section: "2" as the runner plans, or the first free number when a
    /// media stream already uses it.
    static let preferredDataMid = "2"

    public static func publishOffer(local: LocalTransportDescription, streams: [OutgoingStream], dataChannel: Bool) -> String {
        PublishOfferBuilder(local: local).session(streams: streams, dataChannel: dataChannel).description
    }

    public static func readPublishAnswer(_ sdp: String, streams: [OutgoingStream], policy: AddressPolicy)
        throws(SignallingError) -> (remote: RemoteTransportDescription, extensions: HeaderExtensionIDs)
    {
        try PublishAnswerReader.read(sdp, streams: streams, policy: policy)
    }

    public static func answerSubscribeOffer(_ sdp: String, local: LocalTransportDescription, acceptData: Bool, policy: AddressPolicy)
        throws(SignallingError) -> (answer: String, remote: RemoteTransportDescription, dataChannel: Bool)
    {
        try SubscribeOfferAnswerer.answer(sdp, local: local, acceptData: acceptData, policy: policy)
    }
}
