/// Recognises the `data:<media type>[;parameters];base64,` header of a data URI (RFC 2397).
public enum Base64DataURI {
    /// Where the base64 text starts after a data URI header.
    /// - Parameter input: the text.
    /// - Returns: 0 if `input` does not start with `data:` (in any case), the offset after
    ///   the header's comma if the header ends in `;base64`, or the failure
    ///   `invalidDataURI` with the header's end when it starts with `data:` but is not a
    ///   base64 data URI.
    public static func payloadStart(_ input: UnsafeBufferPointer<UInt8>) -> Result<Int, Base64DecodeFailure> {
        let scheme = Array("data:".utf8)
        guard input.count >= scheme.count else { return .success(0) }
        for (k, char) in scheme.enumerated() where lowercased(input[k]) != char {
            return .success(0)
        }
        guard let comma = input[scheme.count...].firstIndex(of: UInt8(ascii: ",")) else {
            return .failure(.invalidDataURI(offset: input.count))
        }
        let marker = Array(";base64".utf8)
        guard comma - scheme.count >= marker.count else { return .failure(.invalidDataURI(offset: comma)) }
        for (k, char) in marker.enumerated() where lowercased(input[comma - marker.count + k]) != char {
            return .failure(.invalidDataURI(offset: comma))
        }
        return .success(comma + 1)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
