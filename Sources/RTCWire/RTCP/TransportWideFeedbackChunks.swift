extension TransportWideFeedback {
    /// One 16-bit packet status chunk (draft §3.1.3, §3.1.4): a run-length chunk (T=0: a 2-bit
    /// symbol repeated for a 13-bit run), or a status vector chunk (T=1) holding fourteen 1-bit
    /// symbols (S=0) or seven 2-bit symbols (S=1), first symbol in the most significant bits.
    ///
    /// Invariant: any 16-bit value is a chunk; symbols past the packet's status count are ignored.
    public struct StatusChunk: RawRepresentable, Equatable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Longest run a run-length chunk can hold (13 bits).
        static let maximumRunLength = 0x1FFF

        /// The chunk's type, from its T and S bits.
        public enum Kind: Equatable, Sendable {
            case runLength
            case oneBitVector
            case twoBitVector
        }

        public var kind: Kind {
            if rawValue & 0x8000 == 0 { return .runLength }
            return rawValue & 0x4000 == 0 ? .oneBitVector : .twoBitVector
        }

        /// Number of packets the chunk describes: its run length, 14 or 7.
        public var capacity: Int {
            switch kind {
            case .runLength: Int(rawValue & 0x1FFF)
            case .oneBitVector: 14
            case .twoBitVector: 7
            }
        }

        /// The status of the chunk's packet `index`; nil past `capacity` or for the reserved
        /// symbol. A 1-bit symbol is `notReceived` (0) or `receivedSmallDelta` (1).
        public func status(at index: Int) -> PacketStatus? {
            guard index >= 0, index < capacity else { return nil }
            let symbol: UInt16
            switch kind {
            case .runLength: symbol = (rawValue >> 13) & 0x3
            case .oneBitVector: symbol = (rawValue >> (13 - index)) & 0x1
            case .twoBitVector: symbol = (rawValue >> (12 - 2 * index)) & 0x3
            }
            return PacketStatus(rawValue: UInt8(symbol))
        }

        /// Bytes of receive deltas called for by the chunk's first `count` packets, or nil when
        /// one of them carries the reserved symbol.
        func receiveDeltaBytes(forFirst count: Int) -> Int? {
            guard count > 0 else { return 0 }
            if kind == .runLength {
                guard let status = status(at: 0) else { return nil }
                return status.receiveDeltaSize * count
            }
            var total = 0
            for index in 0..<count {
                guard let status = status(at: index) else { return nil }
                total += status.receiveDeltaSize
            }
            return total
        }

        /// A run-length chunk: `status` for `length` packets (at most 8191).
        static func runLength(_ status: PacketStatus, length: Int) -> StatusChunk {
            StatusChunk(rawValue: UInt16(status.rawValue) << 13 | UInt16(length & maximumRunLength))
        }
    }

    /// The status chunks of a feedback packet that cover its status count, in wire order.
    ///
    /// Invariant: yields each chunk needed for the status count once and stops at the first one
    /// that would lie beyond `bytes`.
    public struct StatusChunks: Sequence {
        let bytes: UnsafeRawBufferPointer
        let statusCount: Int

        public func makeIterator() -> Iterator {
            Iterator(bytes: bytes, remaining: statusCount, offset: TransportWideFeedback.fixedSize)
        }

        /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
        public struct Iterator: IteratorProtocol {
            let bytes: UnsafeRawBufferPointer
            var remaining: Int
            var offset: Int

            public mutating func next() -> StatusChunk? {
                guard remaining > 0, offset + 2 <= bytes.count else { return nil }
                let chunk = StatusChunk(rawValue: bytes.u16(offset))
                remaining -= Swift.min(chunk.capacity, remaining)
                offset += 2
                return chunk
            }
        }
    }

    /// Every reported packet of a feedback packet with its status and receive delta, decoded
    /// from the chunks and delta list in place.
    ///
    /// Invariant: yields at most `statusCount` results with consecutive sequence numbers from
    /// `baseSequence`; stops early, never reading past `bytes`, at a chunk or delta that does
    /// not fit or a reserved symbol (which a parsed packet does not have).
    public struct PacketResults: Sequence {
        let bytes: UnsafeRawBufferPointer
        let baseSequence: SequenceNumber
        let statusCount: Int
        let receiveDeltasOffset: Int

        public func makeIterator() -> Iterator {
            Iterator(bytes: bytes, remaining: statusCount, chunkOffset: TransportWideFeedback.fixedSize,
                     indexInChunk: 0, deltaOffset: receiveDeltasOffset, sequence: baseSequence)
        }

        /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
        public struct Iterator: IteratorProtocol {
            let bytes: UnsafeRawBufferPointer
            var remaining: Int
            var chunkOffset: Int
            var indexInChunk: Int
            var deltaOffset: Int
            var sequence: SequenceNumber

            public mutating func next() -> PacketResult? {
                while remaining > 0, chunkOffset + 2 <= bytes.count {
                    let chunk = StatusChunk(rawValue: bytes.u16(chunkOffset))
                    guard indexInChunk < chunk.capacity else {
                        chunkOffset += 2
                        indexInChunk = 0
                        continue
                    }
                    guard let status = chunk.status(at: indexInChunk), let delta = readDelta(status) else { break }
                    indexInChunk += 1
                    remaining -= 1
                    let result = PacketResult(sequence: sequence, status: status, receiveDelta: delta)
                    sequence = sequence.advanced(by: 1)
                    return result
                }
                remaining = 0
                return nil
            }

            /// Reads the receive delta `status` calls for: `.some(nil)` for none, nil when it
            /// does not fit in `bytes`.
            private mutating func readDelta(_ status: PacketStatus) -> Int16?? {
                let size = status.receiveDeltaSize
                guard deltaOffset + size <= bytes.count else { return nil }
                defer { deltaOffset += size }
                switch status {
                case .notReceived: return .some(nil)
                case .receivedSmallDelta: return Int16(bytes[deltaOffset])
                case .receivedLargeOrNegativeDelta: return Int16(bitPattern: bytes.u16(deltaOffset))
                }
            }
        }
    }
}
