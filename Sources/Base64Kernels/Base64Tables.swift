/// The lookup tables of the standard base64 alphabet (RFC 4648 §4), shared by the scalar
/// decoder and the encoder.
public enum Base64Tables {
    /// Marks a byte outside the alphabet in `decode`.
    public static let invalid: UInt8 = 0xFF
    /// Marks `=` (padding) in `decode`.
    public static let padding: UInt8 = 0xFE
    /// Marks `\` (the start of a JSON escape) in `decode`.
    public static let backslash: UInt8 = 0xFD
    /// Marks space, tab, CR and LF in `decode`.
    public static let whitespace: UInt8 = 0xFC

    /// The 64 characters of the alphabet, in value order.
    public static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// For every byte value: its 6-bit value (0–63) if it is in the alphabet, else one of
    /// the markers `invalid`, `padding`, `backslash` or `whitespace`.
    public static let decode: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = padding
        table[Int(UInt8(ascii: "\\"))] = backslash
        for char in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            table[Int(char)] = whitespace
        }
        return table
    }()
}
