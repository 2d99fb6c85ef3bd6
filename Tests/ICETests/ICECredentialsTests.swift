import TestSupport
import Testing
import ICE

/// RFC 8839 §5.4's credential grammar and the random generator.
@Suite struct ICECredentialsTests {
    @Test func acceptsTheShortestAndLongestValidValues() throws {
        let shortest = try ICECredentials(usernameFragment: "a+/9", password: String(repeating: "Z", count: 22))
        #expect(shortest.usernameFragment == "a+/9")
        _ = try ICECredentials(usernameFragment: String(repeating: "u", count: 256),
                               password: String(repeating: "p", count: 256))
    }

    @Test func rejectsLengthsOutsideTheGrammar() {
        #expect(throws: ICECredentialError.wrongLength(.usernameFragment, length: 3, allowed: 4...256)) {
            try ICECredentials(usernameFragment: "abc", password: String(repeating: "p", count: 22))
        }
        #expect(throws: ICECredentialError.wrongLength(.password, length: 21, allowed: 22...256)) {
            try ICECredentials(usernameFragment: "abcd", password: String(repeating: "p", count: 21))
        }
        #expect(throws: ICECredentialError.wrongLength(.usernameFragment, length: 257, allowed: 4...256)) {
            try ICECredentials(usernameFragment: String(repeating: "u", count: 257), password: String(repeating: "p", count: 22))
        }
    }

    @Test func rejectsCharactersOutsideIceChar() {
        // ":" would break USERNAME's "a:b" split; "=" and "é" are not ice-chars either.
        #expect(throws: ICECredentialError.invalidCharacter(.usernameFragment, offset: 2)) {
            try ICECredentials(usernameFragment: "ab:cd", password: String(repeating: "p", count: 22))
        }
        #expect(throws: ICECredentialError.invalidCharacter(.password, offset: 21)) {
            try ICECredentials(usernameFragment: "abcd", password: String(repeating: "p", count: 21) + "=")
        }
        #expect(throws: ICECredentialError.invalidCharacter(.usernameFragment, offset: 4)) {
            try ICECredentials(usernameFragment: "abcdé", password: String(repeating: "p", count: 22))
        }
    }

    @Test func errorMessagesNameTheFieldButNotTheSecret() {
        let error = ICECredentialError.invalidCharacter(.password, offset: 3)
        #expect(error.description.contains("ice-pwd"))
        #expect(error.description.contains("offset 3"))
        let credentials = Fixture.local
        #expect(!credentials.description.contains(credentials.password))
        #expect(credentials.description.contains(credentials.usernameFragment))
    }

    @Test func randomCredentialsAreValidReproducibleAndDistinct() throws {
        var generator = SplitMix64(seed: 42)
        let first = ICECredentials.random(using: &generator)
        let second = ICECredentials.random(using: &generator)
        #expect(first.usernameFragment.utf8.count == 16)
        #expect(first.password.utf8.count == 32)
        #expect(first != second)
        // The generator's output passes the validating initializer.
        #expect(try ICECredentials(usernameFragment: first.usernameFragment, password: first.password) == first)
        var replay = SplitMix64(seed: 42)
        #expect(ICECredentials.random(using: &replay) == first)
    }

    @Test func randomCharactersCoverTheWholeAlphabet() {
        var generator = SplitMix64(seed: 7)
        var seen = Set<UInt8>()
        for _ in 0..<200 {
            let credentials = ICECredentials.random(using: &generator)
            seen.formUnion(credentials.usernameFragment.utf8)
            seen.formUnion(credentials.password.utf8)
        }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        #expect(seen == alphabet)
    }
}
