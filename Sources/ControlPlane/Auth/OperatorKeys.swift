/// The operator keys of the server (`auth.apiKeys`), checked without timing leaks.
///
/// Invariant: ``matches(_:)`` compares the presented key with every configured key, always all
/// of them and always every byte of the presented key, so its running time depends on the
/// presented key's length and the number of keys, never on how much of a real key it shares.
public struct OperatorKeys: Sendable {
    private let keys: [[UInt8]]

    public init(_ keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }
    }

    public func matches(_ presented: some StringProtocol) -> Bool {
        let candidate = Array(presented.utf8)
        var matched = false
        for key in keys {
            matched = Self.constantTimeEqual(key, candidate) || matched
        }
        return matched
    }

    /// Equality in time that depends only on `candidate.count`.
    private static func constantTimeEqual(_ key: [UInt8], _ candidate: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: key.count ^ candidate.count)
        for index in candidate.indices {
            let keyByte = index < key.count ? key[index] : 0
            difference |= UInt(keyByte ^ candidate[index])
        }
        return difference == 0
    }
}
