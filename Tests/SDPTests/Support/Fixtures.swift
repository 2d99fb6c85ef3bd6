import Foundation
import SDP
import Testing

/// The offers in Fixtures/: two captured from real peers, two typed after public examples (their
/// origin is in the "#" header of each file).
enum Fixture: String, CaseIterable, CustomTestStringConvertible {
    case aiortc = "aiortc-1.16-offer-video-data"
    case chromium = "chromium-156-offer-audio-video-data"
    case firefox = "firefox-128-offer-audio-simulcast-data"
    case safari = "safari-14.1-offer-audio-video"

    var testDescription: String { rawValue }

    /// The file's SDP text, without its leading "#" comment lines.
    var text: String {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "sdp", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url)
        else { return "" }
        return Fixture.strippingComments(String(decoding: data, as: UTF8.self))
    }

    /// The SDP lines of the file, without line endings.
    var lines: [String] {
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The parsed offer; records an issue and returns nil when it does not parse.
    func parsed(sourceLocation: SourceLocation = #_sourceLocation) -> SessionDescription? {
        switch SDPParser.parse(text) {
        case .success(let session): return session
        case .failure(let error):
            Issue.record("fixture \(rawValue) does not parse: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    static func strippingComments(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n")
        while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }
        return lines.joined(separator: "\r\n")
    }
}

/// Parses `text`, recording an issue when it fails.
func parseOrRecord(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SessionDescription? {
    switch SDPParser.parse(text) {
    case .success(let session): return session
    case .failure(let error):
        Issue.record("does not parse: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The parse error of `text`, recording an issue when it parses.
func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SDPError? {
    switch SDPParser.parse(text) {
    case .success:
        Issue.record("parsed, but an error was expected", sourceLocation: sourceLocation)
        return nil
    case .failure(let error): return error
    }
}

/// The text with `old` replaced by `new` (recording an issue when `old` does not occur).
func replacing(_ old: String, with new: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    if !text.contains(old) { Issue.record("\"\(old)\" is not in the text", sourceLocation: sourceLocation) }
    return text.replacingOccurrences(of: old, with: new)
}

/// The text without the lines equal to `line`.
func removingLines(_ line: String, from text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let lines = text.components(separatedBy: "\r\n")
    if !lines.contains(line) { Issue.record("\"\(line)\" is not a line of the text", sourceLocation: sourceLocation) }
    return lines.filter { $0 != line }.joined(separator: "\r\n")
}
