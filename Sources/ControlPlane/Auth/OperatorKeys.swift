import Synchronization

/// The operator keys of the server (`auth.apiKeys`), checked without timing leaks, and
/// replaceable while the server runs (SIGHUP reloads them).
///
/// Invariants: ``matches(_:)`` compares the presented key with every key of one consistent set
/// (the set in force when the call started: a concurrent ``replace(with:)`` is seen whole or not
/// at all), always all of them and always every byte of the presented key, so its running time
/// depends on the presented key's length and the number of keys, never on how much of a real
/// key it shares. One instance is shared by every request of a server.
public final class OperatorKeys: Sendable {
    private let keys: Mutex<[[UInt8]]>

    public init(_ keys: [String]) {
        self.keys = Mutex(keys.map { Array($0.utf8) })
    }

    /// Puts `keys` in force instead of the current ones; requests checked from now on see them.
    public func replace(with keys: [String]) {
        let bytes = keys.map { Array($0.utf8) }
        self.keys.withLock { $0 = bytes }
    }

    public func matches(_ presented: some StringProtocol) -> Bool {
        let candidate = Array(presented.utf8)
        let current = keys.withLock { $0 }
        var matched = false
        for key in current {
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
