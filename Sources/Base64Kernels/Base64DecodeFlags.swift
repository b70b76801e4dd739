/// The leniencies a decode core honours (the kernel-level form of `Base64.DecodeOptions`).
public struct Base64DecodeFlags: OptionSet, Sendable {
    /// The raw bits.
    public let rawValue: UInt8
    /// Creates flags from raw bits.
    /// - Parameter rawValue: the bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A final group of 2 or 3 characters may come without its `=` padding.
    public static let allowMissingPadding = Base64DecodeFlags(rawValue: 1)
    /// `\/` (a JSON-escaped slash) decodes as `/`.
    public static let unescapeJSONSlashes = Base64DecodeFlags(rawValue: 2)
    /// Space, tab, CR and LF are skipped anywhere.
    public static let ignoreWhitespace = Base64DecodeFlags(rawValue: 4)
}
