import SRTP

/// Which end of the DTLS handshake an endpoint is (RFC 5763 §5: the side whose SDP says
/// `a=setup:active` is the client, `a=setup:passive` the server).
public enum DTLSRole: Sendable, Equatable, CustomStringConvertible {
    case client
    case server

    var srtpRole: SRTPKeyingMaterial.Role {
        switch self {
        case .client: .client
        case .server: .server
        }
    }

    public var description: String {
        switch self {
        case .client: "client"
        case .server: "server"
        }
    }
}
