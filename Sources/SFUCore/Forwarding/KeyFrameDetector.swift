/// Recognizes, from an RTP payload alone, a packet at which a decoder can start: the first
/// packet of a key frame (VP8, VP9, AV1, H.264 FU-A), or for H.264 any packet carrying an IDR
/// slice or a sequence parameter set (single NAL unit or STAP-A).
///
/// Invariant: never reads outside `payload` and never traps, whatever the bytes; a payload too
/// short or malformed for its format is not a key frame start. Allocates nothing.
public enum KeyFrameDetector {
    /// True when `payload` (the RTP payload, after the header and before any padding) begins a
    /// key frame of `codec`; always false for `.other`.
    ///
    /// - VP8 (RFC 7741 §4.2–4.3): the payload descriptor has S=1 and partition index 0, and
    ///   the VP8 payload header that follows it has P=0 and the key frame start code
    ///   0x9D 0x01 0x2A (RFC 6386 §9.1).
    /// - VP9 (RFC 9628 §4.2): the descriptor has B=1 (start of a frame) and P=0 (not
    ///   inter-picture predicted), its layer indices, if present, name spatial layer 0, and
    ///   its picture ID, layer indices and scalability structure fit before a non-empty payload.
    /// - H.264 (RFC 6184 §5.6–5.8): a single NAL unit of type 5 (IDR) or 7 (SPS), a STAP-A
    ///   aggregating one, or an FU-A with the S bit starting one.
    /// - AV1 (AV1 RTP payload format §4.4): the aggregation header has N=1 (first packet of a
    ///   coded video sequence) and Z=0, and an OBU element follows.
    public static func isKeyFrameStart(_ payload: UnsafeRawBufferPointer, codec: VideoCodecKind) -> Bool {
        switch codec {
        case .vp8: isVP8KeyFrameStart(payload)
        case .vp9: isVP9KeyFrameStart(payload)
        case .h264: isH264KeyFrameStart(payload)
        case .av1: isAV1KeyFrameStart(payload)
        case .other: false
        }
    }

    static func isVP8KeyFrameStart(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard payload.count >= 1 else { return false }
        let first = payload[0]
        let isStartOfPartition = first & 0x10 != 0
        let partitionIndex = first & 0x07
        guard isStartOfPartition, partitionIndex == 0 else { return false }
        var offset = 1
        if first & 0x80 != 0 {
            guard offset < payload.count else { return false }
            let extensions = payload[offset]
            offset += 1
            if extensions & 0x80 != 0 {
                guard offset < payload.count else { return false }
                offset += payload[offset] & 0x80 != 0 ? 2 : 1
            }
            if extensions & 0x40 != 0 { offset += 1 }
            if extensions & 0x30 != 0 { offset += 1 }
        }
        // Frame tag (3 bytes, P is bit 0 of the first) then the start code.
        guard offset + 6 <= payload.count else { return false }
        return payload[offset] & 0x01 == 0
            && payload[offset + 3] == 0x9D && payload[offset + 4] == 0x01 && payload[offset + 5] == 0x2A
    }

    static func isVP9KeyFrameStart(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard payload.count >= 1 else { return false }
        let first = payload[0]
        let hasPictureID = first & 0x80 != 0
        let isInterPredicted = first & 0x40 != 0
        let hasLayerIndices = first & 0x20 != 0
        let isFlexible = first & 0x10 != 0
        let isStartOfFrame = first & 0x08 != 0
        let hasScalabilityStructure = first & 0x02 != 0
        guard isStartOfFrame, !isInterPredicted else { return false }
        var offset = 1
        if hasPictureID {
            guard offset < payload.count else { return false }
            offset += payload[offset] & 0x80 != 0 ? 2 : 1
        }
        if hasLayerIndices {
            guard offset < payload.count else { return false }
            let spatialLayer = (payload[offset] >> 1) & 0x07
            guard spatialLayer == 0 else { return false }
            offset += isFlexible ? 1 : 2
        }
        if hasScalabilityStructure {
            guard let end = endOfVP9ScalabilityStructure(payload, at: offset) else { return false }
            offset = end
        }
        return offset < payload.count
    }

    /// The offset after the scalability structure (RFC 9628 §4.2.1) at `offset`, or nil when it
    /// does not fit in `payload`.
    private static func endOfVP9ScalabilityStructure(_ payload: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard start < payload.count else { return nil }
        let header = payload[start]
        let spatialLayers = Int(header >> 5) + 1
        var offset = start + 1
        if header & 0x10 != 0 { offset += 4 * spatialLayers }
        if header & 0x08 != 0 {
            guard offset < payload.count else { return nil }
            let pictureGroups = Int(payload[offset])
            offset += 1
            for _ in 0..<pictureGroups {
                guard offset < payload.count else { return nil }
                let references = Int((payload[offset] >> 2) & 0x03)
                offset += 1 + references
            }
        }
        return offset <= payload.count ? offset : nil
    }

    /// NAL unit types (RFC 6184 §5.2, ITU-T H.264 table 7-1).
    private static let idrSlice: UInt8 = 5
    private static let sequenceParameterSet: UInt8 = 7
    private static let singleTimeAggregation: UInt8 = 24
    private static let fragmentationUnit: UInt8 = 28

    static func isH264KeyFrameStart(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard payload.count >= 1 else { return false }
        let type = payload[0] & 0x1F
        switch type {
        case singleTimeAggregation:
            var offset = 1
            while offset + 2 < payload.count {
                let size = Int(payload[offset]) << 8 | Int(payload[offset + 1])
                offset += 2
                guard size > 0, offset + size <= payload.count else { return false }
                if startsDecoding(payload[offset] & 0x1F) { return true }
                offset += size
            }
            return false
        case fragmentationUnit:
            guard payload.count >= 2 else { return false }
            let header = payload[1]
            return header & 0x80 != 0 && startsDecoding(header & 0x1F)
        default:
            return startsDecoding(type)
        }
    }

    private static func startsDecoding(_ nalType: UInt8) -> Bool {
        nalType == idrSlice || nalType == sequenceParameterSet
    }

    static func isAV1KeyFrameStart(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard payload.count >= 2 else { return false }
        let header = payload[0]
        let continuesFragment = header & 0x80 != 0
        let startsSequence = header & 0x08 != 0
        return startsSequence && !continuesFragment
    }
}
