/// The 8-bit packet type (PT) of an RTCP packet's header (RFC 3550 §12.1, RFC 4585 §6.1).
///
/// Invariant: any 8-bit value is representable; the named constants are the types this module
/// parses into typed views, every other value is passed through as `RTCPPacket.other`.
public struct RTCPPacketType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// SR, RFC 3550 §6.4.1.
    public static let senderReport = RTCPPacketType(rawValue: 200)
    /// RR, RFC 3550 §6.4.2.
    public static let receiverReport = RTCPPacketType(rawValue: 201)
    /// SDES, RFC 3550 §6.5.
    public static let sourceDescription = RTCPPacketType(rawValue: 202)
    /// BYE, RFC 3550 §6.6.
    public static let goodbye = RTCPPacketType(rawValue: 203)
    /// APP, RFC 3550 §6.7.
    public static let applicationDefined = RTCPPacketType(rawValue: 204)
    /// RTPFB, transport-layer feedback, RFC 4585 §6.2.
    public static let transportFeedback = RTCPPacketType(rawValue: 205)
    /// PSFB, payload-specific feedback, RFC 4585 §6.3.
    public static let payloadSpecificFeedback = RTCPPacketType(rawValue: 206)

    public var description: String { String(rawValue) }
}
