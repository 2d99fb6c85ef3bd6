import LoadDataChannels
import Testing

@Suite struct DataChannelLoadErrorTests {
    @Test func describesItself() {
        #expect(DataChannelLoadError.association("no").description == "data-channel association: no")
    }
}
