import Foundation
import Yams

/// Reads a scenario from a YAML or JSON file (JSON when the name ends in `.json`, YAML
/// otherwise). Keys missing from the file keep their defaults; the result is not validated
/// yet (flags may still override it).
///
/// Every failure is `LoadRunError.invalidScenario` naming the file and, for a bad value, the
/// setting's path (`videoProfile.bitsPerSecond: expected a number`).
public enum LoadScenarioFile {
    /// The file's size limit: a scenario is a few hundred bytes.
    public static let maximumBytes = 1 << 20

    /// Reads and decodes the file at `path`.
    public static func load(path: String) throws(LoadRunError) -> LoadScenario {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumBytes {
                throw LoadRunError.invalidScenario("\(path): \(size) bytes; a scenario file has at most \(maximumBytes)")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as LoadRunError {
            throw error
        } catch {
            throw .invalidScenario("\(path): cannot be read (\(error.localizedDescription))")
        }
        if path.lowercased().hasSuffix(".json") {
            return try decodeJSON(data, source: path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .invalidScenario("\(path): not UTF-8 text") }
        return try decodeYAML(text, source: path)
    }

    /// Decodes a YAML scenario (`source` names it in errors).
    public static func decodeYAML(_ text: String, source: String = "scenario") throws(LoadRunError) -> LoadScenario {
        if text.allSatisfy(\.isWhitespace) { return LoadScenario() }
        do {
            return try YAMLDecoder().decode(LoadScenario.self, from: text)
        } catch let error as DecodingError {
            throw .invalidScenario("\(source): \(describe(error))")
        } catch {
            throw .invalidScenario("\(source): not valid YAML (\(error))")
        }
    }

    /// Decodes a JSON scenario (`source` names it in errors).
    public static func decodeJSON(_ data: Data, source: String = "scenario") throws(LoadRunError) -> LoadScenario {
        do {
            return try JSONDecoder().decode(LoadScenario.self, from: data)
        } catch let error as DecodingError {
            throw .invalidScenario("\(source): \(describe(error))")
        } catch {
            throw .invalidScenario("\(source): not valid JSON (\(error.localizedDescription))")
        }
    }

    /// "path.to.key: what is wrong", from a decoding error.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let names = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "the file" : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(expectation(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(expectation(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let underlying = context.underlyingError {
                return "not valid (\(underlying.localizedDescription))"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        default: "a \(type)"
        }
    }
}
