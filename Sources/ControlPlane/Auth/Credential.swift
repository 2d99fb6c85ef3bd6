/// Who a request acts as, once its credentials checked out.
public enum Credential: Hashable, Sendable {
    /// An operator key: may do everything.
    case operatorKey
    /// A participant token (verified, unexpired, of a participant still in its room).
    case participant(ParticipantToken)

    /// Refuses (403) what this credential may not act on. Permissions are checked apart,
    /// against the participant's record, whatever the credential.
    public func authorize(_ scope: AccessScope) throws(AuthError) {
        guard case .participant(let token) = self else { return }
        switch scope {
        case .operatorOnly:
            throw .operatorOnly
        case .room(let room):
            guard token.room == room else { throw .otherRoom(token.room) }
        case .participant(let room, let participant):
            guard token.room == room else { throw .otherRoom(token.room) }
            guard token.sub == participant else { throw .otherParticipant(token.sub) }
        }
    }
}

/// What an endpoint acts on, for ``Credential/authorize(_:)``.
public enum AccessScope: Hashable, Sendable {
    /// Operator keys only (creating and listing rooms, adding participants, deleting rooms).
    case operatorOnly
    /// A room: its participants' tokens may read it.
    case room(String)
    /// One participant: only its own token may act for it.
    case participant(room: String, participant: String)
}
