import ArgumentParser
import Foundation
import LoadHarness

/// `switchboard-load`: parses the command line, resolves the scenario, runs it and prints the
/// report (a table, or JSON with `--json`) on stdout; progress and errors go to stderr. Exits
/// with `LoadExitStatus`.
@main
enum SwitchboardLoad {
    static func main() async {
        let command: LoadCommand
        do {
            command = try LoadCommand.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            // Help and version requests succeed; every other parse error is bad usage (2).
            if LoadCommand.exitCode(for: error) == .success {
                print(LoadCommand.fullMessage(for: error))
                exit(0)
            }
            fail(.invalidUsage, LoadCommand.fullMessage(for: error))
        }
        let scenario: LoadScenario
        do {
            scenario = try LoadScenario.resolve(file: command.scenario, overrides: command.overrides)
        } catch {
            fail(LoadExitStatus(error: error), error.description)
        }
        let quiet = command.quiet
        let outcome = await command.target.run(scenario) { progress in
            if !quiet { printError(progress.line) }
        }
        switch outcome {
        case .failed(let status, let message):
            fail(status, message)
        case .completed(let report):
            if command.json {
                do {
                    print(try report.jsonText())
                } catch {
                    fail(.harnessFailure, "the report could not be written as JSON: \(error)")
                }
            } else {
                print(report.table)
            }
            let status = LoadExitStatus(report: report)
            if status != .clean {
                printError("switchboard-load: the run completed with \(report.failedJoins) failed join(s), "
                    + "\(report.receivers.withMedia) of \(report.receivers.expected) receivers with media and "
                    + "\(report.lost) lost packet(s)")
            }
            exit(status.rawValue)
        }
    }

    static func fail(_ status: LoadExitStatus, _ message: String) -> Never {
        printError("switchboard-load: \(message)")
        exit(status.rawValue)
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
