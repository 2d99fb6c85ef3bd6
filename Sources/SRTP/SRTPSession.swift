internal import CSRTP

/// The SRTP state of one DTLS-SRTP association: an outbound libsrtp context that protects what
/// this endpoint sends and an inbound one that unprotects what it receives, each matching any
/// SSRC (a stream is added inside libsrtp the first time an SSRC is seen).
///
/// ## In-place buffer contract
/// Every packet call works in the caller's buffer and never allocates in this wrapper:
/// - `buffer` holds the packet in its first `length` bytes; its `count` is the capacity.
/// - Protect needs `buffer.count >= length + profile.rtpTrailerLength` (RTP) or
///   `length + profile.rtcpTrailerLength` (RTCP); otherwise the result is `.bufferTooSmall`
///   and the buffer is untouched. Protection writes nothing past the new length.
/// - Unprotect needs only `length <= buffer.count`.
/// - On `.ok(length:)` the protected or plain packet is the buffer's first `length` bytes. On
///   any other result the buffer's contents are unspecified and the packet should be dropped.
/// - The buffer should start on a 4-byte boundary (libsrtp reads header words directly).
///
/// ## Threads
/// A session is used by one thread at a time (the worker that owns the transport); libsrtp
/// contexts are not safe for concurrent use. It is `@unchecked Sendable` only so that the
/// control plane can hand a new session to its worker; the handover must happen-before the
/// worker's first call.
///
/// Invariant: both contexts stay valid from `init` until `deinit` deallocates them.
public final class SRTPSession: @unchecked Sendable {
    /// The replay window used when none is given (packets, RTP only).
    public static let defaultReplayWindow = 1024
    /// Replay windows libsrtp accepts (RTCP always uses libsrtp's fixed 128-packet window).
    public static let replayWindowRange: ClosedRange<Int> = 64...0x7FFF

    public let profile: SRTPProfile
    private let outbound: OpaquePointer
    private let inbound: OpaquePointer

    /// Creates both contexts from negotiated keying material.
    ///
    /// - Parameter replayWindow: RTP replay window in packets, within `replayWindowRange`.
    public init(keyingMaterial: SRTPKeyingMaterial, replayWindow: Int = SRTPSession.defaultReplayWindow) throws(SRTPError) {
        guard Self.replayWindowRange.contains(replayWindow) else {
            throw .replayWindowSize(requested: replayWindow, allowed: Self.replayWindowRange)
        }
        try SRTPLibrary.initialize()
        let profile = keyingMaterial.profile
        let outbound = try SRTPDirection.outbound.makeContext(
            profile: profile, master: keyingMaterial.local, replayWindow: replayWindow)
        do {
            inbound = try SRTPDirection.inbound.makeContext(
                profile: profile, master: keyingMaterial.remote, replayWindow: replayWindow)
        } catch {
            srtp_dealloc(outbound)
            throw error
        }
        self.outbound = outbound
        self.profile = profile
    }

    deinit {
        srtp_dealloc(outbound)
        srtp_dealloc(inbound)
    }

    /// Encrypts and authenticates the RTP packet in place, appending `profile.rtpTrailerLength` bytes.
    public func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> SRTPResult {
        guard let (packet, inOutLength) = Self.packet(in: buffer, length: length, growth: profile.rtpTrailerLength) else {
            return .bufferTooSmall
        }
        var newLength = inOutLength
        return Self.result(srtp_protect(outbound, packet, &newLength), length: newLength)
    }

    /// Encrypts and authenticates the RTCP packet in place, appending `profile.rtcpTrailerLength` bytes.
    public func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> SRTPResult {
        guard let (packet, inOutLength) = Self.packet(in: buffer, length: length, growth: profile.rtcpTrailerLength) else {
            return .bufferTooSmall
        }
        var newLength = inOutLength
        return Self.result(srtp_protect_rtcp(outbound, packet, &newLength), length: newLength)
    }

    /// Verifies and decrypts the SRTP packet in place; on success the RTP packet is shorter by the trailer.
    public func unprotectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> SRTPResult {
        guard let (packet, inOutLength) = Self.packet(in: buffer, length: length, growth: 0) else {
            return .bufferTooSmall
        }
        var newLength = inOutLength
        return Self.result(srtp_unprotect(inbound, packet, &newLength), length: newLength)
    }

    /// Verifies and decrypts the SRTCP packet in place; on success the RTCP packet is shorter by the trailer.
    public func unprotectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> SRTPResult {
        guard let (packet, inOutLength) = Self.packet(in: buffer, length: length, growth: 0) else {
            return .bufferTooSmall
        }
        var newLength = inOutLength
        return Self.result(srtp_unprotect_rtcp(inbound, packet, &newLength), length: newLength)
    }

    /// The packet's start and length as libsrtp takes them, or nil when the buffer cannot hold
    /// `length + growth` bytes or the grown length does not fit libsrtp's `int`.
    @inline(__always)
    private static func packet(
        in buffer: UnsafeMutableRawBufferPointer,
        length: Int,
        growth: Int
    ) -> (UnsafeMutableRawPointer, Int32)? {
        guard let base = buffer.baseAddress, length >= 0,
              length <= buffer.count - growth, length <= Int(Int32.max) - growth
        else { return nil }
        return (base, Int32(length))
    }

    @inline(__always)
    private static func result(_ status: srtp_err_status_t, length: Int32) -> SRTPResult {
        switch status {
        case srtp_err_status_ok: .ok(length: Int(length))
        case srtp_err_status_replay_fail, srtp_err_status_replay_old: .replayed
        case srtp_err_status_auth_fail: .authenticationFailed
        default: .failed(SRTPStatus(status))
        }
    }
}
