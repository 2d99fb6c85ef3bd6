import ControlPlane
import Hummingbird
import Testing

/// The credential helpers on their own: `?token=` where the caller accepts it, and operator
/// keys compared whole.
@Suite("Authenticator and operator keys")
struct AuthenticatorTests {
    /// An authenticator over a directory with room r1 and participant p1, and p1's token.
    static func setUp() async throws -> (Authenticator, token: String) {
        let directory = RoomDirectory(
            settings: .init(maxRooms: 5, defaultMaxParticipants: 5, defaultEmptyTimeoutSeconds: 300), mediaEngine: nil,
            clock: ManualClock())
        let tokens = TokenAuthority(secret: TestServer.secret, defaultLifetimeSeconds: 600)
        _ = try await directory.createRoom(RoomCreation(id: "r1"))
        let tokenID = TokenAuthority.newTokenID()
        _ = try await directory.addParticipant(ParticipantCreation(id: "p1"), tokenID: tokenID, to: "r1")
        let issued = try await tokens.issue(participant: "p1", room: "r1", permissions: .all, tokenID: tokenID, lifetimeSeconds: nil)
        return (Authenticator(operatorKeys: OperatorKeys([TestServer.operatorKey]), tokens: tokens, directory: directory), issued.token)
    }

    static func request(_ path: String, authorization: String? = nil) -> Request {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        let head = HTTPRequest(method: .get, scheme: "http", authority: "test", path: path, headerFields: headers)
        return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
    }

    @Test("?token= is read only where accepted, and the Authorization header wins over it")
    func queryToken() async throws {
        let (authenticator, token) = try await Self.setUp()
        let path = "/v1/rooms/r1/participants/p1/events?token=\(token)"
        let credential = try await authenticator.authenticate(Self.request(path), acceptsQueryToken: true)
        guard case .participant(let claims) = credential else {
            Issue.record("expected a participant credential, got \(credential)")
            return
        }
        #expect(claims.sub == "p1" && claims.room == "r1")
        try credential.authorize(.participant(room: "r1", participant: "p1"))

        await #expect(throws: AuthError.missingCredentials) {
            try await authenticator.authenticate(Self.request(path), acceptsQueryToken: false)
        }
        let withHeader = Self.request(path, authorization: "Bearer \(TestServer.operatorKey)")
        #expect(try await authenticator.authenticate(withHeader, acceptsQueryToken: true) == .operatorKey)
        await #expect(throws: AuthError.malformedCredentials("?token= is not a participant token.")) {
            try await authenticator.authenticate(
                Self.request("/events?token=\(TestServer.operatorKey)"), acceptsQueryToken: true)
        }
        await #expect(throws: AuthError.invalidSignature) {
            try await authenticator.authenticate(Self.request("/events?token=\(token.dropLast(2))AA"), acceptsQueryToken: true)
        }
    }

    @Test("two Authorization headers: 401 malformed")
    func twoHeaders() async throws {
        let (authenticator, token) = try await Self.setUp()
        var headers: HTTPFields = [:]
        headers[values: .authorization] = ["Bearer \(TestServer.operatorKey)", "Bearer \(token)"]
        let head = HTTPRequest(method: .get, scheme: "http", authority: "test", path: "/v1/rooms", headerFields: headers)
        await #expect(throws: AuthError.malformedCredentials("the request has more than one Authorization header.")) {
            try await authenticator.authenticate(Request(head: head, body: RequestBody(buffer: ByteBuffer())))
        }
    }

    @Test("operator keys match whole: not a prefix, an extension, another case or the empty string")
    func operatorKeyMatching() {
        let keys = OperatorKeys(["k3y-one", "second.key"])
        #expect(keys.matches("k3y-one"))
        #expect(keys.matches("second.key"))
        for wrong in ["k3y-on", "k3y-one1", "K3Y-ONE", "", "second.key ", "k3y-onesecond.key"] {
            #expect(!keys.matches(wrong), "\(wrong)")
        }
        #expect(!OperatorKeys([]).matches("k3y-one"))
    }

    @Test("403 rules of each credential and scope")
    func scopes() throws {
        let token = ParticipantToken(participant: "p1", room: "r1", permissions: .all, issuedAt: 0, expiresAt: 1, tokenID: "t")
        let participant = Credential.participant(token)
        #expect(throws: AuthError.operatorOnly) { try participant.authorize(.operatorOnly) }
        #expect(throws: AuthError.otherRoom("r1")) { try participant.authorize(.room("r2")) }
        #expect(throws: AuthError.otherRoom("r1")) { try participant.authorize(.participant(room: "r2", participant: "p1")) }
        #expect(throws: AuthError.otherParticipant("p1")) { try participant.authorize(.participant(room: "r1", participant: "p2")) }
        try participant.authorize(.room("r1"))
        try Credential.operatorKey.authorize(.operatorOnly)
        try Credential.operatorKey.authorize(.participant(room: "r2", participant: "p9"))
    }
}
