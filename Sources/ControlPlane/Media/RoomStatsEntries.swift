/// A room's stats entries made from its participants' reports (API.md "Stats",
/// `GET /v1/rooms/{room}/stats`): every entry gets `"participantId"`, and its `id` and every
/// member that names another entry (``referenceMembers``) get the prefix `P<participant>_`.
///
/// Invariant: links between the entries of one participant still resolve, and no entry links
/// to another participant's. Ids are unique in the room when they are unique within each
/// participant's report, each starts with an upper-case letter and none has a `_` followed by
/// one (the media side's are `T_publish`, `CP_publish_0_…`, `IT_subscribe_1234`, …): a
/// participant id may hold `_`, but `P<a>_<x>` = `P<a_b>_<y>` would need `x` = `b_<y>`, an
/// id with `_` before the upper-case start of `y`.
public enum RoomStatsEntries {
    /// The W3C webrtc-stats members whose value is the `id` of another entry of the report.
    public static let referenceMembers: Set<String> = [
        "transportId", "codecId", "localId", "remoteId", "playoutId", "mediaSourceId", "selectedCandidatePairId",
        "localCandidateId", "remoteCandidateId", "localCertificateId", "remoteCertificateId", "issuerCertificateId",
        "rtcpTransportStatsId",
    ]

    /// The entries of all `reports`, in their order, each rewritten as the type says.
    public static func merged(_ reports: [ParticipantStatsEntries]) -> [JSONValue] {
        reports.flatMap { report in report.entries.map { entry(of: report.participant, $0) } }
    }

    /// The id `id` of `participant`'s report, as the room report writes it.
    public static func roomID(of participant: String, _ id: String) -> String {
        "P\(participant)_\(id)"
    }

    /// `entry` with `participantId` added and its id and references prefixed; a value that is
    /// not an object is left as it is (a provider gives none).
    static func entry(of participant: String, _ entry: JSONValue) -> JSONValue {
        guard case .object(var members) = entry else { return entry }
        for (name, value) in members where name == "id" || referenceMembers.contains(name) {
            if case .string(let id) = value { members[name] = .string(roomID(of: participant, id)) }
        }
        members["participantId"] = .string(participant)
        return .object(members)
    }
}
