public import LoadModel

/// Loss over a run, with simulcast taken into account.
///
/// A receiver gets one simulcast layer of a publisher's video at a time, and the server moves it
/// between layers (it starts low and climbs). For a layer stream, what the receiver should have
/// got is therefore every probe from the first to the last one it saw of that layer (gaps in
/// between are losses; the probes sent while it was on another layer are not). Every other
/// stream counts from the first probe the receiver saw to the last one the sender sent
/// (`LossSummary`). Packets lost at the very end of a layer span are not seen this way.
public enum RunLoss {
    public static func summary(receptions: [ReceptionRecord], senders: [SenderRecord],
                               simulcastLayers: Set<ProbeStreamID>) -> LossSummary {
        guard !simulcastLayers.isEmpty else { return LossSummary(receptions: receptions, senders: senders) }
        var summary = LossSummary(
            receptions: receptions.filter { !simulcastLayers.contains($0.reception.stream) }, senders: senders)
        for record in receptions where simulcastLayers.contains(record.reception.stream) {
            let reception = record.reception
            guard let first = reception.firstSequence else { continue }
            let span = reception.highestSequence - first + 1
            summary.expected += span
            summary.received += min(reception.uniquePackets, span)
            summary.duplicates += reception.duplicates
            summary.reordered += reception.reordered
        }
        return summary
    }
}
