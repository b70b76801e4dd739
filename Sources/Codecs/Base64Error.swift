import Base64Kernels

/// Why base64 text could not be decoded. Offsets count bytes from the start of the text as
/// given, a `data:` URI header included, so they point at the culprit in the original.
public enum Base64Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// `byte` at `offset` is not in the standard base64 alphabet (nor an allowed escape,
    /// whitespace or padding there).
    case invalidByte(offset: Int, byte: UInt8)
    /// The text holds this many base64 characters, one more than a multiple of 4: a lone
    /// last character cannot encode a byte, so the text is truncated or has a stray
    /// character.
    case invalidLength(Int)
    /// The `=` at `offset` is not valid padding: padding follows only a final group of 2
    /// (`==`) or 3 (`=`) characters, must be complete, and nothing may follow it.
    case invalidPadding(offset: Int)
    /// `byte` at `offset` follows the padding, which must end the text.
    case dataAfterPadding(offset: Int, byte: UInt8)
    /// The final group is short and has no `=` padding, and the options require padding;
    /// `offset` is the end of the text.
    case missingPadding(offset: Int)
    /// The text starts with `data:` but the URI header does not end in `;base64,`;
    /// `offset` is where the header ends (its comma, or the end of the text).
    case invalidDataURI(offset: Int)
    /// The output buffer of `capacity` bytes is too small for the decoded data; size it
    /// with `Base64.maxDecodedCount(forEncodedCount:)`.
    case outputTooSmall(capacity: Int)

    /// Converts a decode core's failure.
    init(_ failure: Base64DecodeFailure) {
        switch failure {
        case let .invalidByte(offset, byte): self = .invalidByte(offset: offset, byte: byte)
        case let .invalidLength(count): self = .invalidLength(count)
        case let .invalidPadding(offset): self = .invalidPadding(offset: offset)
        case let .dataAfterPadding(offset, byte): self = .dataAfterPadding(offset: offset, byte: byte)
        case let .missingPadding(offset): self = .missingPadding(offset: offset)
        case let .invalidDataURI(offset): self = .invalidDataURI(offset: offset)
        case let .outputTooSmall(capacity): self = .outputTooSmall(capacity: capacity)
        }
    }

    public var description: String {
        switch self {
        case let .invalidByte(offset, byte):
            return "invalid base64: byte \(Base64Error.show(byte)) at offset \(offset) is not in the standard alphabet"
                + Base64Error.hint(for: byte)
        case let .invalidLength(count):
            return "invalid base64: \(count) characters leave 1 over after the last group of 4; "
                + "the text is truncated or has a stray character"
        case let .invalidPadding(offset):
            return "invalid base64: '=' at offset \(offset) is not valid padding; padding is '==' after a final "
                + "group of 2 characters or '=' after 3, and only at the end of the text"
        case let .dataAfterPadding(offset, byte):
            return "invalid base64: byte \(Base64Error.show(byte)) at offset \(offset) follows the '=' padding, "
                + "which must end the text (are two base64 strings joined together?)"
        case let .missingPadding(offset):
            return "invalid base64: the text ends at offset \(offset) inside a group of 4 without '=' padding, "
                + "and padding is required (set allowMissingPadding to accept it)"
        case let .invalidDataURI(offset):
            return "invalid base64: the text starts with a data: URI whose header (ending at offset \(offset)) "
                + "does not end in ';base64,'; only base64 data URIs can be decoded"
        case let .outputTooSmall(capacity):
            return "the output buffer of \(capacity) bytes is too small for the decoded data; "
                + "size it with Base64.maxDecodedCount(forEncodedCount:)"
        }
    }

    /// `0x2D '-'` for printable ASCII, `0x0A` otherwise.
    private static func show(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "0x" + (hex.count == 1 ? "0" + hex : hex)
        return (0x21...0x7E).contains(byte) ? "\(code) '\(Character(Unicode.Scalar(byte)))'" : code
    }

    /// What a common wrong byte usually means.
    private static func hint(for byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"):
            return " ('-' and '_' belong to the URL-safe alphabet, which is not accepted here)"
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return " (whitespace; set ignoreWhitespace to skip it)"
        case UInt8(ascii: "\\"):
            return " (of JSON escapes only '\\/' is understood, and only with unescapeJSONSlashes)"
        case UInt8(ascii: ":"):
            return " (a data: URI prefix is skipped only with allowDataURIPrefix)"
        case UInt8(ascii: "\""):
            return " (a JSON string's quotes are not part of the base64 text)"
        default:
            return ""
        }
    }
}
