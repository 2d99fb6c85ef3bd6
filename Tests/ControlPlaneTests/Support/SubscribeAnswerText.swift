/// A subscribe offer as the server wrote it, read line by line for these tests (independently
/// of the SDP module), and a browser-like answer to it written the same way.

/// One m-section of a subscribe offer's text.
struct OfferedSection: Equatable {
    /// One `a=rtpmap` of the section.
    struct Format: Equatable {
        var payloadType: Int
        var encodingName: String
        var clockRate: Int
        /// `apt=` of an RTX format.
        var associated: Int?
    }

    var kind: String
    var port: Int
    var proto: String
    /// The `m=` line's formats as written (payload types, or `webrtc-datachannel`).
    var formatNames: [String]
    var payloadTypes: [Int]
    var mid: String?
    /// `sendonly`, `recvonly`, `sendrecv` or `inactive` (nil when the section has none).
    var direction: String?
    var msid: String?
    var setup: String?
    var formats: [Format] = []
    /// `a=extmap` lines as (id, URI).
    var extensions: [(id: Int, uri: String)] = []
    /// SSRCs of `a=ssrc` lines, each once, in order.
    var ssrcs: [UInt32] = []
    /// `a=ssrc-group:FID` SSRCs.
    var fidGroup: [UInt32]?
    /// `a=sctp-port` and `a=max-message-size` of a data section.
    var sctpPort: Int?
    var maxMessageSize: Int?
    /// Every line of the section, `m=` line first.
    var lines: [String]

    static func == (lhs: OfferedSection, rhs: OfferedSection) -> Bool { lhs.lines == rhs.lines }

    /// The media format named `encodingName` (without case), if offered.
    func format(_ encodingName: String) -> Format? {
        formats.first { $0.encodingName.lowercased() == encodingName.lowercased() }
    }

    /// The RTX format repairing `payloadType`, if offered.
    func rtx(for payloadType: Int) -> Format? {
        formats.first { $0.encodingName.lowercased() == "rtx" && $0.associated == payloadType }
    }
}

/// A subscribe offer's text, split into its session lines and sections.
struct OfferText {
    var sessionLines: [String]
    var sections: [OfferedSection]

    var mids: [String] { sections.compactMap(\.mid) }

    init(_ text: String) {
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let firstMedia = lines.firstIndex { $0.hasPrefix("m=") } ?? lines.endIndex
        sessionLines = Array(lines[..<firstMedia])
        var sections: [[String]] = []
        for line in lines[firstMedia...] {
            if line.hasPrefix("m=") { sections.append([]) }
            sections[sections.count - 1].append(line)
        }
        self.sections = sections.map(Self.section)
    }

    private static func section(_ lines: [String]) -> OfferedSection {
        let mLine = lines[0].dropFirst(2).split(separator: " ").map(String.init)
        var section = OfferedSection(
            kind: mLine.first ?? "", port: mLine.count > 1 ? Int(mLine[1]) ?? -1 : -1, proto: mLine.count > 2 ? mLine[2] : "",
            formatNames: Array(mLine.dropFirst(3)), payloadTypes: mLine.dropFirst(3).compactMap { Int($0) }, lines: lines)
        var apt: [Int: Int] = [:]
        for line in lines.dropFirst() {
            let value = { (prefix: String) in String(line.dropFirst(prefix.count)) }
            if line.hasPrefix("a=mid:") {
                section.mid = value("a=mid:")
            } else if ["a=sendonly", "a=recvonly", "a=sendrecv", "a=inactive"].contains(line) {
                section.direction = value("a=")
            } else if line.hasPrefix("a=msid:") {
                section.msid = value("a=msid:")
            } else if line.hasPrefix("a=setup:") {
                section.setup = value("a=setup:")
            } else if line.hasPrefix("a=rtpmap:") {
                let parts = value("a=rtpmap:").split(separator: " ")
                let encoding = parts.count > 1 ? parts[1].split(separator: "/") : []
                if let payloadType = parts.first.flatMap({ Int($0) }), encoding.count >= 2, let clockRate = Int(encoding[1]) {
                    section.formats.append(.init(payloadType: payloadType, encodingName: String(encoding[0]), clockRate: clockRate))
                }
            } else if line.hasPrefix("a=fmtp:") {
                let parts = value("a=fmtp:").split(separator: " ", maxSplits: 1)
                if parts.count == 2, let payloadType = Int(parts[0]), parts[1].hasPrefix("apt="), let repaired = Int(parts[1].dropFirst(4)) {
                    apt[payloadType] = repaired
                }
            } else if line.hasPrefix("a=extmap:") {
                let parts = value("a=extmap:").split(separator: " ")
                if parts.count >= 2, let id = Int(parts[0].split(separator: "/")[0]) {
                    section.extensions.append((id, String(parts[1])))
                }
            } else if line.hasPrefix("a=ssrc:") {
                if let ssrc = UInt32(value("a=ssrc:").prefix { $0 != " " }), !section.ssrcs.contains(ssrc) {
                    section.ssrcs.append(ssrc)
                }
            } else if line.hasPrefix("a=ssrc-group:FID ") {
                section.fidGroup = value("a=ssrc-group:FID ").split(separator: " ").compactMap { UInt32($0) }
            } else if line.hasPrefix("a=sctp-port:") {
                section.sctpPort = Int(value("a=sctp-port:"))
            } else if line.hasPrefix("a=max-message-size:") {
                section.maxMessageSize = Int(value("a=max-message-size:"))
            }
        }
        for index in section.formats.indices {
            section.formats[index].associated = apt[section.formats[index].payloadType]
        }
        return section
    }
}

/// A browser-like answer to a subscribe offer: every section answered in place with its mid,
/// `a=recvonly` to `a=sendonly` (inactive stays inactive), the offered payload types and
/// header extensions (or the subset chosen), rtcp-mux, BUNDLE of every accepted mid, and the
/// client's ICE credentials, DTLS fingerprint and setup role; a data section with the client's
/// `a=sctp-port` and `a=max-message-size`. Lines are joined with CRLF.
struct SubscribeAnswerText {
    static let clientUfrag = "Sc4w"
    static let clientPwd = "m8Nq2Rt6Vx0Zb4Df8Hj2Lp6"
    static let clientFingerprint =
        "sha-256 A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90"

    /// `a=setup:` of the answer (nil: no line).
    var setup: String? = "active"
    var includesFingerprint = true
    var includesICECredentials = true
    /// The header extension URIs kept (nil: every offered one).
    var keptExtensionURIs: Set<String>?
    /// The encoding names kept, lowercase (nil: every offered one); an RTX format is kept with the
    /// format it repairs.
    var keptEncodings: Set<String>?
    /// Mids answered with port 0 (and left out of the BUNDLE group, as browsers do).
    var rejectedMids: Set<String> = []
    /// The client's `a=sctp-port` and `a=max-message-size` in a data section (nil: no line).
    var sctpPort: Int? = 5000
    var maxMessageSize: Int? = 262_144

    func answer(to offerText: String) -> String {
        let offer = OfferText(offerText)
        let bundled = offer.mids.filter { !rejectedMids.contains($0) }
        var lines = ["v=0", "o=- 3141592653589793 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE \(bundled.joined(separator: " "))",
                     "a=msid-semantic: WMS"]
        for section in offer.sections {
            lines += answerLines(for: section)
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private func answerLines(for section: OfferedSection) -> [String] {
        if section.kind == "application" { return dataLines(for: section) }
        let keptFormats = section.formats.filter { format in
            guard let keptEncodings else { return true }
            if let associated = format.associated, format.encodingName.lowercased() == "rtx" {
                return section.formats.contains { $0.payloadType == associated && keptEncodings.contains($0.encodingName.lowercased()) }
            }
            return keptEncodings.contains(format.encodingName.lowercased())
        }
        let keptTypes = Set(keptFormats.map(\.payloadType))
        let payloadTypes = section.payloadTypes.filter { keptTypes.contains($0) }
        let isRejected = section.mid.map { rejectedMids.contains($0) } ?? false
        var lines = ["m=\(section.kind) \(isRejected ? 0 : 9) \(section.proto) \(payloadTypes.map(String.init).joined(separator: " "))",
                     "c=IN IP4 0.0.0.0"]
        if includesICECredentials { lines += ["a=ice-ufrag:\(Self.clientUfrag)", "a=ice-pwd:\(Self.clientPwd)"] }
        if includesFingerprint { lines.append("a=fingerprint:\(Self.clientFingerprint)") }
        if let setup { lines.append("a=setup:\(setup)") }
        if let mid = section.mid { lines.append("a=mid:\(mid)") }
        for (id, uri) in section.extensions where keptExtensionURIs?.contains(uri) ?? true {
            lines.append("a=extmap:\(id) \(uri)")
        }
        lines.append(section.direction == "sendonly" ? "a=recvonly" : "a=inactive")
        lines.append("a=rtcp-mux")
        let kept = { (line: String, prefix: String) -> Bool in
            guard line.hasPrefix(prefix), let payloadType = Int(line.dropFirst(prefix.count).prefix { $0 != " " }) else { return false }
            return keptTypes.contains(payloadType)
        }
        lines += section.lines.filter { kept($0, "a=rtpmap:") || kept($0, "a=fmtp:") || kept($0, "a=rtcp-fb:") }
        return lines
    }

    /// A data section as browsers answer one: its formats, no direction, no rtcp-mux.
    private func dataLines(for section: OfferedSection) -> [String] {
        let isRejected = section.mid.map { rejectedMids.contains($0) } ?? false
        var lines = ["m=application \(isRejected ? 0 : 9) \(section.proto) \(section.formatNames.joined(separator: " "))", "c=IN IP4 0.0.0.0"]
        if includesICECredentials { lines += ["a=ice-ufrag:\(Self.clientUfrag)", "a=ice-pwd:\(Self.clientPwd)"] }
        if includesFingerprint { lines.append("a=fingerprint:\(Self.clientFingerprint)") }
        if let setup { lines.append("a=setup:\(setup)") }
        if let mid = section.mid { lines.append("a=mid:\(mid)") }
        if let sctpPort { lines.append("a=sctp-port:\(sctpPort)") }
        if let maxMessageSize { lines.append("a=max-message-size:\(maxMessageSize)") }
        return lines
    }
}
