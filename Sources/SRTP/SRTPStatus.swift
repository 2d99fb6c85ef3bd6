internal import CSRTP

/// A libsrtp status code (`srtp_err_status_t`), kept as its integer value so that no C type
/// appears in this module's API.
///
/// Invariant: `code` is whatever libsrtp returned; `name` spells the libsrtp constant for the
/// codes libsrtp 2.5 defines and `srtp_err_status_<code>` otherwise.
public struct SRTPStatus: Sendable, Hashable, CustomStringConvertible {
    /// The numeric `srtp_err_status_t` value.
    public let code: Int32

    public init(code: Int32) {
        self.code = code
    }

    init(_ status: srtp_err_status_t) {
        self.code = Int32(truncatingIfNeeded: status.rawValue)
    }

    /// The libsrtp constant's name, e.g. `srtp_err_status_auth_fail`.
    public var name: String {
        let suffix: String = switch UInt32(truncatingIfNeeded: code) {
        case srtp_err_status_ok.rawValue: "ok"
        case srtp_err_status_fail.rawValue: "fail"
        case srtp_err_status_bad_param.rawValue: "bad_param"
        case srtp_err_status_alloc_fail.rawValue: "alloc_fail"
        case srtp_err_status_dealloc_fail.rawValue: "dealloc_fail"
        case srtp_err_status_init_fail.rawValue: "init_fail"
        case srtp_err_status_terminus.rawValue: "terminus"
        case srtp_err_status_auth_fail.rawValue: "auth_fail"
        case srtp_err_status_cipher_fail.rawValue: "cipher_fail"
        case srtp_err_status_replay_fail.rawValue: "replay_fail"
        case srtp_err_status_replay_old.rawValue: "replay_old"
        case srtp_err_status_algo_fail.rawValue: "algo_fail"
        case srtp_err_status_no_such_op.rawValue: "no_such_op"
        case srtp_err_status_no_ctx.rawValue: "no_ctx"
        case srtp_err_status_cant_check.rawValue: "cant_check"
        case srtp_err_status_key_expired.rawValue: "key_expired"
        case srtp_err_status_socket_err.rawValue: "socket_err"
        case srtp_err_status_signal_err.rawValue: "signal_err"
        case srtp_err_status_nonce_bad.rawValue: "nonce_bad"
        case srtp_err_status_read_fail.rawValue: "read_fail"
        case srtp_err_status_write_fail.rawValue: "write_fail"
        case srtp_err_status_parse_err.rawValue: "parse_err"
        case srtp_err_status_encode_err.rawValue: "encode_err"
        case srtp_err_status_semaphore_err.rawValue: "semaphore_err"
        case srtp_err_status_pfkey_err.rawValue: "pfkey_err"
        case srtp_err_status_bad_mki.rawValue: "bad_mki"
        case srtp_err_status_pkt_idx_old.rawValue: "pkt_idx_old"
        case srtp_err_status_pkt_idx_adv.rawValue: "pkt_idx_adv"
        default: "\(code)"
        }
        return "srtp_err_status_" + suffix
    }

    public var description: String { "\(name) (\(code))" }
}
