import LoadPeers
import Testing

@Suite struct LoadPeerErrorTests {
    @Test func describesItself() {
        #expect(LoadPeerError.capacityExhausted(4).description == "all 4 transport slots are in use")
    }
}
