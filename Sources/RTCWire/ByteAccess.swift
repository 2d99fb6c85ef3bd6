// Big-endian loads and stores on raw buffers, bounds-checked by the caller's parse logic.
// Every parser in RTCWire checks lengths before it reads; these helpers never trap on
// misalignment because they copy bytes rather than binding memory.

extension UnsafeRawBufferPointer {
    @inlinable func u8(_ offset: Int) -> UInt8 { self[offset] }
    @inlinable func u16(_ offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }
    @inlinable func u24(_ offset: Int) -> UInt32 {
        UInt32(self[offset]) << 16 | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2])
    }
    @inlinable func u32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    @inlinable func u64(_ offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

extension UnsafeMutableRawBufferPointer {
    @inlinable func u8(_ offset: Int) -> UInt8 { self[offset] }
    @inlinable func u16(_ offset: Int) -> UInt16 { UnsafeRawBufferPointer(self).u16(offset) }
    @inlinable func u32(_ offset: Int) -> UInt32 { UnsafeRawBufferPointer(self).u32(offset) }
    @inlinable func setU8(_ value: UInt8, at offset: Int) { self[offset] = value }
    @inlinable func setU16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
    @inlinable func setU24(_ value: UInt32, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 16)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 2] = UInt8(truncatingIfNeeded: value)
    }
    @inlinable func setU32(_ value: UInt32, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }
    @inlinable func setU64(_ value: UInt64, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
}
