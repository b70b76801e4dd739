import DarkroomTestSupport

/// The base64 tests' random inputs, from the shared seeded generator.
extension SplitMix64 {
    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    /// `count` random characters of the standard base64 alphabet.
    mutating func base64Characters(_ count: Int) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return (0..<count).map { _ in alphabet[Int.random(in: 0..<64, using: &self)] }
    }
}
