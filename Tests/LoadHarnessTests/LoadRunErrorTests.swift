import LoadHarness
import Testing

@Suite struct LoadRunErrorTests {
    @Test func describesItself() {
        #expect(LoadRunError.invalidScenario("rooms must be at least 1").description == "invalid scenario: rooms must be at least 1")
    }
}
