/// Chooses the header extensions an answer keeps for one section.
enum HeaderExtensionSelection {
    /// The section's extensions (and the session-level ones whose ids it does not use) whose URI
    /// the policy lists and that the publisher may send, with the offer's ids. An extension the
    /// offer marks `sendonly` is answered `recvonly`; one it marks `recvonly` or `inactive` is
    /// left out (the publisher would not send it).
    static func answer(for media: MediaDescription, session: SessionAttributes, policy: CodecPolicy) -> [ExtMap] {
        let sessionLevel = session.extensions.filter { shared in !media.extensions.contains { $0.id == shared.id } }
        return (media.extensions + sessionLevel).compactMap { offered in
            guard policy.headerExtensionURIs.contains(offered.uri) else { return nil }
            switch offered.direction {
            case .recvonly?, .inactive?: return nil
            case .sendonly?: return ExtMap(id: offered.id, uri: offered.uri, direction: .recvonly)
            case .sendrecv?, nil: return ExtMap(id: offered.id, uri: offered.uri)
            }
        }
    }
}
