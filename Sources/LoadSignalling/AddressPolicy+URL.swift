public import LoadModel

extension AddressPolicy {
    /// Loopback, the host of the server's `url` when it is an IPv4 literal or "localhost"
    /// (names are not resolved: name the server's media address in `extraAllowed` then), and
    /// every address of `extraAllowed` (IPv4 literals).
    public init(url: String, extraAllowed: [String]) throws(SignallingError) {
        let endpoint = try HTTPEndpoint(url: url)
        var allowed: Set<UInt32> = [0x7F00_0001]
        if let address = IPv4Literal.parse(endpoint.host) {
            allowed.insert(address)
        }
        for text in extraAllowed {
            guard let address = IPv4Literal.parse(text) else {
                throw .unreachable("\"\(text)\" is not an IPv4 address (the allowed media addresses are IPv4 literals)")
            }
            allowed.insert(address)
        }
        self.init(allowedIPv4: allowed)
    }
}
