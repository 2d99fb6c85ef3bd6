import Foundation
import LoadModel

/// One JSON message from Janus: a synchronous reply to a request (`success`, `ack`, `error`) or
/// an event delivered by the long poll (`event`, `webrtcup`, `media`, `hangup`, `keepalive`, …).
/// Only the fields the harness reads are decoded; everything else is ignored.
///
/// Invariant: `janus` is the message type as Janus wrote it; a field Janus wrote with an
/// unexpected type reads as absent (decoding never fails on such a field).
struct JanusReply: Decodable, Sendable {
    var janus: String
    var transaction: String?
    /// The handle an event is about.
    var sender: UInt64?
    /// `data.id` of a `success` to `create` (the session) or `attach` (the handle).
    var createdID: UInt64?
    /// A core error: `error.code` and `error.reason`.
    var errorCode: Int?
    var errorReason: String?
    /// The VideoRoom plugin's answer, `plugindata.data`.
    var videoRoom: JanusVideoRoomData?
    /// The SDP Janus attached (`jsep.type`, `jsep.sdp`).
    var jsepType: String?
    var jsepSDP: String?

    private enum Keys: String, CodingKey { case janus, transaction, sender, data, error, plugindata, jsep, id, code, reason, type, sdp }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        janus = try container.decode(String.self, forKey: .janus)
        transaction = try? container.decodeIfPresent(String.self, forKey: .transaction)
        sender = try? container.decodeIfPresent(UInt64.self, forKey: .sender)
        if let data = try? container.nestedContainer(keyedBy: Keys.self, forKey: .data) {
            createdID = try? data.decodeIfPresent(UInt64.self, forKey: .id)
        }
        if let error = try? container.nestedContainer(keyedBy: Keys.self, forKey: .error) {
            errorCode = try? error.decodeIfPresent(Int.self, forKey: .code)
            errorReason = try? error.decodeIfPresent(String.self, forKey: .reason)
        }
        if let plugin = try? container.nestedContainer(keyedBy: Keys.self, forKey: .plugindata) {
            videoRoom = try? plugin.decodeIfPresent(JanusVideoRoomData.self, forKey: .data)
        }
        if let jsep = try? container.nestedContainer(keyedBy: Keys.self, forKey: .jsep) {
            jsepType = try? jsep.decodeIfPresent(String.self, forKey: .type)
            jsepSDP = try? jsep.decodeIfPresent(String.self, forKey: .sdp)
        }
    }

    /// One message (a reply to a POST), or `malformed` for `step`.
    static func decode(_ body: [UInt8], step: String) throws(SignallingError) -> JanusReply {
        do {
            return try JSONDecoder().decode(JanusReply.self, from: Data(body))
        } catch {
            let text = String(decoding: body, as: UTF8.self)
            throw .malformed(step: step, reason: "not a Janus message: \(SwitchboardErrorBody.excerpt(text))")
        }
    }

    /// The long poll's answer: an array of messages (with `maxev`), or a single one.
    static func decodeList(_ body: [UInt8], step: String) throws(SignallingError) -> [JanusReply] {
        if let list = try? JSONDecoder().decode([JanusReply].self, from: Data(body)) { return list }
        return [try decode(body, step: step)]
    }

    /// Throws `refused` when this is a core error or the plugin reported one.
    func checked(step: String) throws(SignallingError) -> JanusReply {
        if janus == "error" {
            throw .refused(step: step, status: errorCode ?? 0, message: errorReason ?? "Janus reported an error without a reason")
        }
        if let room = videoRoom, let code = room.errorCode {
            throw .refused(step: step, status: code, message: room.error ?? "VideoRoom error \(code)")
        }
        return self
    }
}

/// The VideoRoom fields the harness reads from `plugindata.data`.
struct JanusVideoRoomData: Decodable, Sendable {
    /// "created", "joined", "attached", "event", "destroyed", …
    var videoroom: String?
    var errorCode: Int?
    var error: String?

    private enum Keys: String, CodingKey {
        case videoroom, error
        case errorCode = "error_code"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        videoroom = try? container.decodeIfPresent(String.self, forKey: .videoroom)
        errorCode = try? container.decodeIfPresent(Int.self, forKey: .errorCode)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
    }
}
