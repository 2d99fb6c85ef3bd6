import SDP

/// The host candidates of one worker: its port on every announced address, or on every listen
/// address when none is announced (API.md: the server puts the candidates of the worker that
/// owns a transport in every SDP it writes).
///
/// Invariant: foundations are distinct per address; priorities follow RFC 8445 §5.1.2.1 for a
/// host candidate of component 1, the first address preferred.
enum HostCandidates {
    static func make(addresses: [String], port: UInt16) -> [HostCandidate] {
        addresses.enumerated().map { index, address in
            let localPreference = UInt32(65_535 - min(index, 65_535))
            let priority = (126 << 24) | (localPreference << 8) | 255
            return HostCandidate(foundation: String(index + 1), address: address, port: port, priority: priority)
        }
    }
}
