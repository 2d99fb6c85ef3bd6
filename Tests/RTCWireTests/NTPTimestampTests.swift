import RTCWire
import Testing

@Suite("NTP timestamps of sender reports (RFC 3550 §4)")
struct NTPTimestampTests {
    @Test("the Unix epoch is 2208988800 s after the NTP epoch")
    func unixEpoch() {
        let epoch = NTPTimestamp(unixNanoseconds: 0)
        #expect(epoch.seconds == 2_208_988_800)
        #expect(epoch.fraction == 0)
        #expect(epoch.unixMilliseconds == 0)
    }

    @Test("half a second is a fraction of 2^31; the middle 32 bits are LSR's")
    func fractionAndMiddleBits() {
        let time = NTPTimestamp(unixNanoseconds: 1_700_000_000_500_000_000)
        #expect(time.seconds == 3_908_988_800)
        #expect(time.fraction == 0x8000_0000)
        #expect(time.rawValue == UInt64(3_908_988_800) << 32 | 0x8000_0000)
        #expect(time.middle32 == (3_908_988_800 & 0xFFFF) << 16 | 0x8000)
        #expect(time.unixMilliseconds == 1_700_000_000_500)
    }

    @Test("milliseconds round to the nearest (the fraction is truncated on the way in), and the wire value round-trips")
    func milliseconds() {
        #expect(NTPTimestamp(unixNanoseconds: 1_234_567_890_123_400_000).unixMilliseconds == 1_234_567_890_123)
        #expect(NTPTimestamp(unixNanoseconds: 1_234_567_890_123_600_000).unixMilliseconds == 1_234_567_890_124)
        #expect(NTPTimestamp(unixNanoseconds: 1_759_999_999_900_000_000).unixMilliseconds == 1_759_999_999_900)
        let time = NTPTimestamp(unixNanoseconds: 1_234_567_890_123_999_999)
        #expect(NTPTimestamp(rawValue: time.rawValue) == time)
        // 0xE1A2B3C4.80000000 (RFC-style test vector of RTCPReportTests): 3785536452.5 s since 1900.
        #expect(NTPTimestamp(rawValue: 0xE1A2_B3C4_8000_0000).unixMilliseconds == (3_785_536_452 - 2_208_988_800) * 1000 + 500)
    }

    @Test("times before 1970 and any wire value convert without trapping")
    func extremes() {
        let before = NTPTimestamp(unixNanoseconds: -1)
        #expect(before.seconds == 2_208_988_799)
        #expect(before.unixMilliseconds == 0, "-1 ns is 0 ms to the nearest")
        #expect(NTPTimestamp(unixNanoseconds: -1_500_000_000).unixMilliseconds == -1500)
        #expect(NTPTimestamp(rawValue: 0).unixMilliseconds == -2_208_988_800_000)
        #expect(NTPTimestamp(rawValue: .max).unixMilliseconds == (4_294_967_295 - 2_208_988_800) * 1000 + 1000)
        _ = NTPTimestamp(unixNanoseconds: .max)
        _ = NTPTimestamp(unixNanoseconds: .min)
    }

    @Test("an SR's NTP field reads as the typed timestamp")
    func senderReportAccessor() {
        RTCPTest.withSinglePacket(RTCPReportTests.senderReport) { packet in
            guard case .senderReport(let report) = packet else {
                Issue.record("not an SR: \(packet)")
                return
            }
            #expect(report.ntp == NTPTimestamp(rawValue: 0xE1A2_B3C4_8000_0000))
            #expect(report.ntp.middle32 == 0xB3C4_8000)
        }
    }
}
