import Foundation
import RTCWire
import SDP
import Testing

/// The subscribe offer the fixtures answer: an audio track (Opus, PCMU, telephone-event), a
/// video track (VP8 and H.264, each with RTX), an ended video track, and the data channels.
enum SubscribeExample {
    static let opus = NegotiatedCodec(
        payloadType: PayloadType(rawValue: 111)!, role: .media, rtpmap: RTPMap(encodingName: "opus", clockRate: 48000, channels: 2),
        parameters: FormatParameters(rawValue: "minptime=10;useinbandfec=1"), feedback: [.transportWideCC]
    )
    static let pcmu = NegotiatedCodec(
        payloadType: PayloadType(rawValue: 0)!, role: .media, rtpmap: RTPMap(encodingName: "PCMU", clockRate: 8000)
    )
    static let telephoneEvent = NegotiatedCodec(
        payloadType: PayloadType(rawValue: 126)!, role: .telephoneEvent, rtpmap: RTPMap(encodingName: "telephone-event", clockRate: 8000),
        parameters: FormatParameters(rawValue: "0-15")
    )
    static let videoFeedback: [RTCPFeedback] = [.nack, .pictureLossIndication, .fullIntraRequest, .receiverEstimatedMaxBitrate]
    static let vp8 = NegotiatedCodec(
        payloadType: PayloadType(rawValue: 96)!, role: .media, rtpmap: RTPMap(encodingName: "VP8", clockRate: 90000),
        feedback: videoFeedback, rtxPayloadType: PayloadType(rawValue: 97)!
    )
    static let h264 = NegotiatedCodec(
        payloadType: PayloadType(rawValue: 102)!, role: .media, rtpmap: RTPMap(encodingName: "H264", clockRate: 90000),
        parameters: FormatParameters(rawValue: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
        feedback: videoFeedback, rtxPayloadType: PayloadType(rawValue: 103)!
    )

    static let audio = SubscribeTrackSection(
        mid: Mid("0")!, kind: .audio, codecs: [opus, pcmu, telephoneEvent], extensions: SubscriberExtensionIDs.offered(for: .audio),
        ssrc: SSRC(1_111_111), cname: "sfu-alice", streamID: "alice", trackID: "alice-mic"
    )
    static let video = SubscribeTrackSection(
        mid: Mid("1")!, kind: .video, codecs: [vp8, h264], extensions: SubscriberExtensionIDs.offered(for: .video),
        ssrc: SSRC(2_222_222), rtxSSRC: SSRC(3_333_333), cname: "sfu-alice", streamID: "alice", trackID: "alice-cam"
    )

    static let sections: [SubscribeSection] = [
        .track(audio),
        .track(video),
        .inactive(mid: Mid("2")!, kind: .video, codecs: [vp8]),
        .data(mid: Mid("3")!),
    ]

    static var offer: SubscribeOffer { SubscribeOffer(sections: sections, local: testLocal) }
}

/// A data-only subscribe offer: what a participant with the `data` permission and no track to
/// receive gets.
enum SubscribeDataExample {
    static let sections: [SubscribeSection] = [.data(mid: Mid("0")!)]

    static var offer: SubscribeOffer { SubscribeOffer(sections: sections, local: testLocal) }
}

/// The SDP files named `subscribe-*` in Fixtures/: the example offers and real answers to them
/// (the `-data-rejected` ones edited by hand from the real ones, as their header says).
enum SubscribeFixture: String, CaseIterable, CustomTestStringConvertible {
    case offer = "subscribe-offer-audio-video-inactive-data"
    case aiortcAnswer = "subscribe-aiortc-1.16-answer"
    case chromiumAnswer = "subscribe-chromium-156-answer"
    case aiortcAnswerDataRejected = "subscribe-aiortc-1.16-answer-data-rejected"
    case chromiumAnswerDataRejected = "subscribe-chromium-156-answer-data-rejected"
    /// ``SubscribeDataExample``'s offer, and real answers to it.
    case dataOffer = "subscribe-offer-data"
    case aiortcDataAnswer = "subscribe-data-aiortc-1.16-answer"
    case chromiumDataAnswer = "subscribe-data-chromium-156-answer"

    var testDescription: String { rawValue }

    /// The SDP text without the leading "#" lines, with CRLF line endings.
    var text: String {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "sdp", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url)
        else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        return lines.filter { !$0.hasPrefix("#") }.map { $0 + "\r\n" }.joined()
    }

    func parsed(sourceLocation: SourceLocation = #_sourceLocation) -> SessionDescription? {
        parseOrRecord(text, sourceLocation: sourceLocation)
    }
}

/// Reads `answer` against the example offer, recording an issue when the reader refuses it.
func readOrRecord(_ answer: SessionDescription, offer: SessionDescription = SubscribeExample.offer.sessionDescription,
                  sourceLocation: SourceLocation = #_sourceLocation) -> SubscribeAnswer? {
    switch SubscribeAnswerReader.read(answer: answer, offer: offer) {
    case .success(let read): return read
    case .failure(let error):
        Issue.record("the answer was refused: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The reader's error for the answer `text` against the example offer, recording an issue
/// when it accepts it.
func subscribeAnswerError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SubscribeAnswerError? {
    guard let answer = parseOrRecord(text, sourceLocation: sourceLocation) else { return nil }
    switch SubscribeAnswerReader.read(answer: answer, offer: SubscribeExample.offer.sessionDescription) {
    case .success:
        Issue.record("the answer was read, but a refusal was expected", sourceLocation: sourceLocation)
        return nil
    case .failure(let error): return error
    }
}
