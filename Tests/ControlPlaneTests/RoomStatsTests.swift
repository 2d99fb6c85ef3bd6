import ControlPlane
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /v1/rooms/{room}/stats` (API.md "Stats"): every participant's entries in one report,
/// with ids unique in the room and links that still resolve; operator key only.
@Suite("Room stats")
struct RoomStatsTests {
    @Test("an operator gets every participant's entries, each with its participantId and a prefixed id")
    func operatorReport() async throws {
        try await TestServer.run(stats: LinkedStatsProvider()) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            for participant in ["alice", "a", "a_T"] {
                _ = try await api.createParticipant(room: "r1", #"{"id":"\#(participant)"}"#)
            }
            let response = try await api.send(.get, "/v1/rooms/r1/stats")
            #expect(response.status == .ok)
            let report = try JSONBody.object(response)
            let timestamp = try #require(report["timestamp"] as? Int)
            let stats = try #require(report["stats"] as? [[String: Any]])
            #expect(stats.count == 3 * LinkedStatsProvider.entriesPerParticipant)
            #expect(stats.allSatisfy { $0["timestamp"] as? Int == timestamp })
            for participant in ["alice", "a", "a_T"] {
                let own = stats.filter { $0["participantId"] as? String == participant }
                #expect(own.count == LinkedStatsProvider.entriesPerParticipant, "\(participant)")
                #expect(own.allSatisfy { ($0["id"] as? String)?.hasPrefix("P\(participant)_") == true }, "\(own)")
            }
            let transport = try #require(stats.first { $0["id"] as? String == "Palice_T_publish" }, "\(stats)")
            #expect(transport["type"] as? String == "transport")
            #expect(transport["selectedCandidatePairId"] as? String == "Palice_CP_publish_0_127.0.0.1:50000")
            #expect(transport["transportRole"] as? String == "publish")
            // Members that name no entry stay as they are.
            let inbound = try #require(stats.first { $0["id"] as? String == "Pa_T_IT_publish_1111" }, "\(stats)")
            #expect(inbound["mid"] as? String == "0")
            #expect(inbound["ssrc"] as? Int == 1111)
            #expect(inbound["codecId"] as? String == "Pa_T_CIT_publish_96")
        }
    }

    @Test("ids are unique in the room, also for participants whose ids extend each other with \"_\"")
    func uniqueIDs() async throws {
        try await TestServer.run(stats: LinkedStatsProvider()) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            for participant in ["a", "a_T", "a_CP", "T"] {
                _ = try await api.createParticipant(room: "r1", #"{"id":"\#(participant)"}"#)
            }
            let stats = try #require(try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/stats"))["stats"] as? [[String: Any]])
            let ids = stats.compactMap { $0["id"] as? String }
            #expect(ids.count == 4 * LinkedStatsProvider.entriesPerParticipant)
            #expect(Set(ids).count == ids.count, "\(ids.sorted())")
        }
    }

    @Test("every link resolves to an entry of the same participant and of the type the member names")
    func linksResolve() async throws {
        // The W3C members that name another entry, as LinkedStatsProvider writes them, and the
        // type of entry each names.
        let expectedTypes = [
            "transportId": "transport", "codecId": "codec", "selectedCandidatePairId": "candidate-pair",
            "localCandidateId": "local-candidate", "remoteCandidateId": "remote-candidate",
            "remoteId": "remote-inbound-rtp", "localId": "outbound-rtp",
        ]
        try await TestServer.run(stats: LinkedStatsProvider()) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            for participant in ["bob", "b", "b_T"] {
                _ = try await api.createParticipant(room: "r1", #"{"id":"\#(participant)"}"#)
            }
            let stats = try #require(try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/stats"))["stats"] as? [[String: Any]])
            var byID: [String: [String: Any]] = [:]
            for entry in stats { byID[entry["id"] as? String ?? ""] = entry }
            var links = 0
            for entry in stats {
                for (member, value) in entry {
                    guard let type = expectedTypes[member] else { continue }
                    let target = try #require(byID[value as? String ?? ""], "\(member) \(value) of \(entry["id"] ?? "")")
                    #expect(target["participantId"] as? String == entry["participantId"] as? String, "\(member) of \(entry)")
                    #expect(target["type"] as? String == type, "\(member) of \(entry)")
                    links += 1
                }
            }
            // transport 1, pair 3, local 1, remote 1, inbound 2, codec 1, outbound 3, remote-inbound 2 links per participant.
            #expect(links == 3 * 14)
            // outbound-rtp and remote-inbound-rtp name each other.
            let outbound = try #require(byID["Pb_OT_subscribe_2222"])
            #expect(outbound["remoteId"] as? String == "Pb_RI_subscribe_2222")
            #expect(byID["Pb_RI_subscribe_2222"]?["localId"] as? String == "Pb_OT_subscribe_2222")
        }
    }

    @Test("a participant's token gets 403 operator_only, even in its own room; no credentials get 401")
    func operatorOnly() async throws {
        try await TestServer.run(stats: LinkedStatsProvider()) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let alice = try await api.createParticipant(room: "r1", #"{"id":"alice"}"#)
            expectError(try await api.send(.get, "/v1/rooms/r1/stats", credential: alice.token), .forbidden, "operator_only")
            expectError(try await api.send(.get, "/v1/rooms/r1/stats", credential: nil), .unauthorized, "missing_credentials")
            expectError(try await api.send(.get, "/v1/rooms/r1/stats", credential: "not-a-key"), .unauthorized, "unknown_key")
            // Credentials come first: a token asking about an unknown room still gets 403.
            expectError(try await api.send(.get, "/v1/rooms/nowhere/stats", credential: alice.token), .forbidden, "operator_only")
        }
    }

    @Test("an unknown room gets 404, other methods 405, a room without media an empty report")
    func notFoundAndMethods() async throws {
        try await TestServer.run { api in
            expectError(try await api.send(.get, "/v1/rooms/nowhere/stats"), .notFound, "room_not_found")
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"alice"}"#)
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                let response = try await api.send(method, "/v1/rooms/r1/stats")
                expectError(response, .methodNotAllowed, "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
            let report = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/stats"))
            #expect(report["stats"] as? [Any] != nil)
            #expect((report["stats"] as? [Any])?.isEmpty == true)
            #expect(report["timestamp"] is Int)
        }
    }

    @Test("merging keeps non-object values, leaves non-reference strings alone, and overwrites a participantId")
    func mergeRules() {
        let merged = RoomStatsEntries.merged([
            ParticipantStatsEntries(participant: "p", entries: [
                .object([
                    "id": .string("X_1"), "type": .string("codec"), "participantId": .string("someone-else"),
                    "label": .string("X_1"), "dataChannelIdentifier": .integer(1), "transportId": .string("T_publish"),
                ]),
                .integer(7),
            ]),
        ])
        #expect(merged == [
            .object([
                "id": .string("Pp_X_1"), "type": .string("codec"), "participantId": .string("p"),
                "label": .string("X_1"), "dataChannelIdentifier": .integer(1), "transportId": .string("Pp_T_publish"),
            ]),
            .integer(7),
        ])
    }
}

/// A stats provider whose every participant has the linked entries of a publish and a
/// subscribe transport, with ids as the media side makes them (`T_<role>`, `CP_<role>_…`,
/// `IT_<role>_<ssrc>`, …): what the room report must keep resolvable.
struct LinkedStatsProvider: MediaStatsProvider {
    static let entriesPerParticipant = 8

    func participantStats(room: String, participant: String, timestamp: Int64) async -> [JSONValue] {
        func entry(_ type: String, _ id: String, _ members: [String: JSONValue]) -> JSONValue {
            .object(members.merging(["id": .string(id), "type": .string(type), "timestamp": .integer(timestamp)]) { $1 })
        }
        let pair = "CP_publish_0_127.0.0.1:50000"
        return [
            entry("transport", "T_publish", ["selectedCandidatePairId": .string(pair), "transportRole": .string("publish")]),
            entry("candidate-pair", pair, [
                "transportId": .string("T_publish"), "localCandidateId": .string("LC_publish_0"),
                "remoteCandidateId": .string("RC_publish_127.0.0.1:50000"),
            ]),
            entry("local-candidate", "LC_publish_0", ["transportId": .string("T_publish"), "address": .string("127.0.0.1")]),
            entry("remote-candidate", "RC_publish_127.0.0.1:50000", ["transportId": .string("T_publish")]),
            entry("inbound-rtp", "IT_publish_1111", [
                "transportId": .string("T_publish"), "codecId": .string("CIT_publish_96"), "mid": .string("0"), "ssrc": .integer(1111),
            ]),
            entry("codec", "CIT_publish_96", ["transportId": .string("T_publish"), "mimeType": .string("video/VP8")]),
            entry("outbound-rtp", "OT_subscribe_2222", [
                "transportId": .string("T_publish"), "codecId": .string("CIT_publish_96"), "remoteId": .string("RI_subscribe_2222"),
            ]),
            entry("remote-inbound-rtp", "RI_subscribe_2222", [
                "localId": .string("OT_subscribe_2222"), "codecId": .string("CIT_publish_96"),
            ]),
        ]
    }

    func roomStats(room: String, participants: [String], timestamp: Int64) async -> [ParticipantStatsEntries] {
        var reports: [ParticipantStatsEntries] = []
        for participant in participants {
            reports.append(ParticipantStatsEntries(
                participant: participant, entries: await participantStats(room: room, participant: participant, timestamp: timestamp)))
        }
        return reports
    }
}
