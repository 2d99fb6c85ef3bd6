// Circular shifts used by the hash compression functions.

extension UInt32 {
    /// Circular left shift by `count` bits (0 < count < 32).
    @inline(__always) func rotatedLeft(_ count: UInt32) -> UInt32 {
        (self &<< count) | (self &>> (32 &- count))
    }

    /// Circular right shift by `count` bits (0 < count < 32).
    @inline(__always) func rotatedRight(_ count: UInt32) -> UInt32 {
        (self &>> count) | (self &<< (32 &- count))
    }
}
