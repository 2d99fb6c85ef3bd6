import Foundation
import TestSupport

extension ChildProcess {
    /// Waits (at most `budget`) for an interop peer script to exit and parses the one JSON
    /// object it printed last on stdout; the error names `participant` and shows both outputs.
    func finalJSONObject(of participant: String, within budget: Duration) async throws -> [String: Any] {
        _ = try await waitForExit(timeout: budget)
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw HarnessError("no JSON from \(participant)\nstdout:\n\(output)\nstderr:\n\(errorOutput)")
        }
        return object
    }
}
