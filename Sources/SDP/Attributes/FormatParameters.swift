public import RTCWire

/// The parameters of `a=fmtp:<payload type> <parameters>` (RFC 8866 §6.15), kept as written.
///
/// Invariant: `rawValue` is non-empty and does not start with a space. Codecs differ in syntax
/// (`key=value;key=value` for most, `111/111` for RED, `0-15` for telephone-event), so the
/// key-value view is computed on demand.
public struct FormatParameters: Hashable, Sendable {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The `key=value` items split at ";" (spaces around items trimmed); an item without "="
    /// has an empty value.
    public var pairs: [(key: String, value: String)] {
        SDPText.split(rawValue[...], on: UInt8(ascii: ";")).compactMap { item in
            let trimmed = item.drop(while: { $0 == " " })
            guard !trimmed.isEmpty else { return nil }
            let (key, value) = SDPText.splitAt(UInt8(ascii: "="), trimmed)
            return (String(key), value.map(String.init) ?? "")
        }
    }

    /// The value of `key` (compared without case), if present.
    public func value(for key: String) -> String? {
        let lower = key.lowercased()
        return pairs.first { $0.key.lowercased() == lower }?.value
    }

    /// The associated payload type of an RTX codec (`apt=`, RFC 4588).
    public var associatedPayloadType: PayloadType? {
        value(for: "apt").flatMap { SDPText.number($0[...], as: UInt8.self) }.flatMap(PayloadType.init(rawValue:))
    }

    /// The payload types named by a RED format's `<pt>/<pt>/...` parameters (RFC 2198), or nil
    /// when the parameters are not of that form.
    public var redundantPayloadTypes: [PayloadType]? {
        var result: [PayloadType] = []
        for part in SDPText.split(rawValue[...], on: UInt8(ascii: "/")) {
            guard let number = SDPText.number(part, as: UInt8.self), let type = PayloadType(rawValue: number) else {
                return nil
            }
            result.append(type)
        }
        return result
    }
}
