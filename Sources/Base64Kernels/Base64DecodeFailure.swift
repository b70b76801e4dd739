/// Why a decode core stopped; `Codecs` turns it into its public `Base64Error`. Offsets are
/// into the whole input the core was given (a `data:` header included).
public enum Base64DecodeFailure: Error, Equatable, Sendable {
    /// A byte outside the alphabet (or a `\` that does not start `\/`) at `offset`.
    case invalidByte(offset: Int, byte: UInt8)
    /// The text holds `count` base64 characters and `count % 4 == 1`: one character cannot
    /// encode a byte.
    case invalidLength(count: Int)
    /// The `=` at `offset` is not valid padding (wrong place, incomplete or one too many).
    case invalidPadding(offset: Int)
    /// Non-padding data at `offset` follows the padding.
    case dataAfterPadding(offset: Int, byte: UInt8)
    /// The last group is short and unpadded while padding is required; `offset` is the end.
    case missingPadding(offset: Int)
    /// The input starts with `data:` but its header does not end in `;base64,`; `offset` is
    /// where the header ends (its comma, or the end of the input if there is none).
    case invalidDataURI(offset: Int)
    /// The output buffer of `capacity` bytes is too small for the decoded data.
    case outputTooSmall(capacity: Int)
}
