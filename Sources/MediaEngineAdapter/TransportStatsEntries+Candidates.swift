import ControlPlane
import MediaServer
import ICE
import RTCWire
import SDP
import SFUCore
import Worker

// The ICE part of a transport's stats: W3C RTCIceCandidatePairStats and RTCIceCandidateStats.
extension TransportStatsEntries {
    func pairID(_ pair: ICECandidatePair) -> String { "CP_\(prefix)_\(pair.localInterface.rawValue)_\(pair.remote)" }
    private func localCandidateID(_ interface: ICELocalInterface) -> String { "LC_\(prefix)_\(interface.rawValue)" }
    private func remoteCandidateID(_ address: STUNTransportAddress) -> String { "RC_\(prefix)_\(address)" }

    /// A `candidate-pair` per valid pair, then each local and remote candidate they name once.
    var candidateEntries: [JSONValue] {
        var entries: [JSONValue] = []
        var localSeen = Set<UInt8>()
        var remoteSeen = Set<STUNTransportAddress>()
        var candidates: [JSONValue] = []
        for pair in snapshot.candidatePairs {
            let local = localCandidates.indices.contains(Int(pair.pair.localInterface.rawValue))
                ? localCandidates[Int(pair.pair.localInterface.rawValue)] : nil
            entries.append(candidatePair(pair, hasLocal: local != nil))
            if let local, localSeen.insert(pair.pair.localInterface.rawValue).inserted {
                candidates.append(localCandidate(local, interface: pair.pair.localInterface))
            }
            if remoteSeen.insert(pair.pair.remote).inserted { candidates.append(remoteCandidate(pair)) }
        }
        return entries + candidates
    }

    private func candidatePair(_ pair: CandidatePairSnapshot, hasLocal: Bool) -> JSONValue {
        let counters = pair.counters
        var fields: [String: JSONValue] = [
            "transportId": .string(transportID),
            "remoteCandidateId": .string(remoteCandidateID(pair.pair.remote)),
            // A lite agent's pairs are those the peer's checks succeeded on; one whose consent
            // lapsed no longer carries anything.
            "state": .string(pair.holdsConsent ? "succeeded" : "failed"),
            "nominated": .bool(pair.isNominated),
            "packetsSent": .integer(Int64(truncatingIfNeeded: counters.packetsSent)),
            "packetsReceived": .integer(Int64(truncatingIfNeeded: counters.packetsReceived)),
            "bytesSent": .integer(Int64(truncatingIfNeeded: counters.bytesSent)),
            "bytesReceived": .integer(Int64(truncatingIfNeeded: counters.bytesReceived)),
            "lastRequestReceivedTimestamp": .integer(unixMilliseconds(pair.lastValidCheck.nanoseconds)),
        ]
        if hasLocal { fields["localCandidateId"] = .string(localCandidateID(pair.pair.localInterface)) }
        if let last = counters.lastPacketReceivedAt { fields["lastPacketReceivedTimestamp"] = .integer(unixMilliseconds(last)) }
        if pair.isNominated {
            fields["requestsReceived"] = .integer(Int64(truncatingIfNeeded: snapshot.iceCounters.requestsReceived))
            fields["responsesSent"] = .integer(Int64(truncatingIfNeeded: snapshot.iceCounters.successResponsesSent))
        }
        return entry("candidate-pair", id: pairID(pair.pair), fields)
    }

    private func localCandidate(_ candidate: HostCandidate, interface: ICELocalInterface) -> JSONValue {
        entry("local-candidate", id: localCandidateID(interface), [
            "transportId": .string(transportID),
            "address": .string(candidate.address),
            "port": .integer(Int64(candidate.port)),
            "protocol": .string("udp"),
            "candidateType": .string("host"),
            "priority": .integer(Int64(candidate.priority)),
            "foundation": .string(candidate.foundation),
        ])
    }

    /// The remote end of `pair`: the publisher's SDP candidate with that address when there is
    /// one (its type and priority), else a peer-reflexive candidate learned from the checks
    /// (RFC 8445 §7.3.1.3), with the PRIORITY they carried.
    private func remoteCandidate(_ pair: CandidatePairSnapshot) -> JSONValue {
        let address = pair.pair.remote
        let signalled = snapshot.remoteCandidates.first {
            $0.transport.lowercased() == "udp" && STUNTransportAddress(numericHost: $0.address, port: $0.port) == address
        }
        var fields: [String: JSONValue] = [
            "transportId": .string(transportID),
            "address": .string(address.hostText),
            "port": .integer(Int64(address.port)),
            "protocol": .string("udp"),
            "candidateType": .string(signalled.map { "\($0.type)" } ?? "prflx"),
        ]
        if let priority = signalled?.priority ?? pair.remotePriority { fields["priority"] = .integer(Int64(priority)) }
        if let foundation = signalled?.foundation { fields["foundation"] = .string(foundation) }
        return entry("remote-candidate", id: remoteCandidateID(address), fields)
    }

    /// The Unix time in milliseconds of the worker's monotonic `nanoseconds`, by the report's
    /// timestamp and the snapshot's time.
    func unixMilliseconds(_ nanoseconds: Int64) -> Int64 {
        timestamp - (snapshot.takenAt.nanoseconds &- nanoseconds) / 1_000_000
    }
}

extension STUNTransportAddress {
    /// The address without its port, as SDP and webrtc-stats write it ("192.0.2.1", "2001:db8::1").
    var hostText: String {
        let text = description
        guard let colon = text.lastIndex(of: ":") else { return text }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return String(host)
    }
}
