import Testing
import TestSupport
@testable import Worker

@Suite("/proc stat parsers")
struct ProcStatFieldsTests {
    private func ticks(_ line: String) -> ProcStatFields.CPUTicks? {
        Array(line.utf8).withUnsafeBytes { ProcStatFields.cpuTicks(statLine: $0) }
    }

    private func resident(_ line: String) -> UInt64? {
        Array(line.utf8).withUnsafeBytes { ProcStatFields.residentPages(statmLine: $0) }
    }

    private func lastNumber(_ path: String) -> UInt64? {
        Array(path.utf8).withUnsafeBytes { ProcStatFields.lastPathNumber($0) }
    }

    @Test func readsUserAndSystemTicksOfAStatLine() {
        // A media worker's line as Linux 6.1 writes it (fields 14 and 15: 250 and 75).
        let line = "4242 (media-0) S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 250 75 0 0 20 0 9 0 "
            + "1234567 2147483648 12000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 -1 1 0 0 0 0 0\n"
        #expect(ticks(line) == ProcStatFields.CPUTicks(user: 250, system: 75))
        #expect(ticks(line)?.total == 325)
    }

    @Test func countsFieldsFromTheLastParenthesisOfTheName() {
        // A thread name may hold spaces and parentheses (proc(5)); only the last `)` ends it.
        let line = "7 (a) b (c) d) R 1 7 7 0 -1 0 0 0 0 0 12 34 0 0 20 0 1 0 5\n"
        #expect(ticks(line) == ProcStatFields.CPUTicks(user: 12, system: 34))
        // An empty name.
        #expect(ticks("8 () S 1 8 8 0 -1 0 0 0 0 0 5 6 0 0") == ProcStatFields.CPUTicks(user: 5, system: 6))
    }

    @Test func refusesLinesItDoesNotRecognise() {
        #expect(ticks("") == nil)
        #expect(ticks("4242 media-0 S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 250 75") == nil, "no parenthesis")
        #expect(ticks("4242 (media-0) S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 250") == nil, "stime missing")
        #expect(ticks("4242 (media-0) S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 -250 75") == nil, "negative utime")
        #expect(ticks("4242 (media-0) S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 2x0 75") == nil, "not a number")
        #expect(ticks("4242 (media-0) S 1 2 3 4 5 6 7 8 9 10 99999999999999999999999 75") == nil, "over 64 bits")
        #expect(ticks("4242 (media-0) S 4200 4200\n4100 34816 4200 4194368 1530 0 3 0 250 75") == nil, "the line ends early")
        #expect(ticks("4242 (media-0)") == nil)
    }

    @Test func readsTheResidentPagesOfAStatmLine() {
        #expect(resident("51234 6789 2345 310 0 9876 0\n") == 6789)
        #expect(resident("1 0") == 0)
        #expect(resident("") == nil)
        #expect(resident("51234") == nil)
        #expect(resident("51234 -5 1") == nil)
        #expect(resident("51234 12a 1") == nil)
    }

    @Test func readsTheThreadIdOfTheThreadSelfLink() {
        #expect(lastNumber("12345/task/12346") == 12346)
        #expect(lastNumber("77") == 77)
        #expect(lastNumber("12345/task/") == nil)
        #expect(lastNumber("12345/task/12x") == nil)
        #expect(lastNumber("") == nil)
    }

    @Test func neverTrapsOnMutatedOrRandomLines() {
        var generator = SplitMix64(seed: 0x5EED_0006)
        let valid = Array("4242 (media-0) S 4200 4200 4100 34816 4200 4194368 1530 0 3 0 250 75 0 0 20 0 9 0\n".utf8)
        for round in 0..<5000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = valid
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = UInt8.random(in: 0...255, using: &generator)
                }
                bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator))
            } else {
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                    [UInt8(ascii: " "), UInt8(ascii: ")"), UInt8(ascii: "("), UInt8(ascii: "9"), UInt8(ascii: "\n"), 0,
                     UInt8.random(in: 0...255, using: &generator)].randomElement(using: &generator)!
                }
            }
            bytes.withUnsafeBytes { raw in
                if let parsed = ProcStatFields.cpuTicks(statLine: raw) { _ = parsed.total }
                _ = ProcStatFields.residentPages(statmLine: raw)
                _ = ProcStatFields.lastPathNumber(raw)
            }
        }
    }
}
