/// Cuts what OpenSSL wrote to its memory BIO into datagrams no larger than the MTU.
///
/// OpenSSL 3.0 has no datagram memory BIO, so one read of the write BIO returns every pending
/// record back to back. DTLS records may share a datagram (RFC 6347 §4.1.1) but never straddle
/// two, so records are packed whole, in order, into datagrams of at most `mtu` bytes. Each
/// record starts with a 13-byte header whose last two bytes give the length of what follows.
///
/// Invariants: the datagrams concatenated equal the input, none is empty, and each holds only
/// whole records (a truncated tail, which OpenSSL never writes, counts as one record); only a
/// single record longer than `mtu` (which OpenSSL does not write when its MTU is set) makes a
/// datagram exceed `mtu`.
enum DTLSRecordSplitter {
    /// Bytes of the DTLS record header: type, version, epoch, sequence number, length.
    static let headerLength = 13

    static func datagrams(_ bytes: [UInt8], mtu: Int) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var datagramStart = 0
        var offset = 0
        while offset < bytes.count {
            let recordEnd = endOfRecord(in: bytes, at: offset)
            if recordEnd - datagramStart > mtu, offset > datagramStart {
                datagrams.append(Array(bytes[datagramStart..<offset]))
                datagramStart = offset
            }
            offset = recordEnd
        }
        if offset > datagramStart {
            datagrams.append(Array(bytes[datagramStart..<offset]))
        }
        return datagrams
    }

    /// Where the record starting at `offset` ends; the end of `bytes` when its header or body
    /// is cut short.
    private static func endOfRecord(in bytes: [UInt8], at offset: Int) -> Int {
        let remaining = bytes.count - offset
        guard remaining >= headerLength else { return bytes.count }
        let bodyLength = Int(bytes[offset + 11]) << 8 | Int(bytes[offset + 12])
        guard bodyLength <= remaining - headerLength else { return bytes.count }
        return offset + headerLength + bodyLength
    }
}
