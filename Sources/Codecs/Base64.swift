import Base64Kernels
import CPUDispatch
#if arch(x86_64)
import Base64KernelsV3
#endif

/// Base64 with the standard alphabet of RFC 4648 §4, as image-generation APIs return their
/// images (`b64_json`) and as data URIs carry them.
///
/// Decoding is strict by default about what the alphabet is — whitespace, the URL-safe
/// `-`/`_` and stray `=` are errors that name the offset and the byte — and lenient about
/// the wrappers real payloads come in: missing `=` padding, a `data:…;base64,` header and
/// JSON-escaped slashes (`\/`) are accepted unless switched off in `DecodeOptions`. Like
/// most decoders (and Foundation), it ignores the value of the unused low bits of a final
/// short group ("QR==" decodes like "QQ==").
///
/// Decoding runs on an AVX2 core when the CPU and OS support x86-64-v3 and on a portable
/// SIMD core otherwise; `implementation` says which is active.
public enum Base64 {
    /// A decode core.
    public enum Implementation: String, Sendable, CaseIterable {
        /// The AVX2 core (x86-64-v3 CPUs): table lookups with `vpshufb`, 32 bytes a step.
        case avx2
        /// The portable core: generic SIMD (16 bytes a step), for any CPU.
        case portable

        /// Whether this core can run on this machine (the portable one always can).
        public var isAvailable: Bool {
            switch self {
            case .avx2: return CPUFeatures.isX86_64v3
            case .portable: return true
            }
        }
    }

    /// What a decode accepts besides the bare alphabet.
    public struct DecodeOptions: Sendable, Equatable {
        /// Accept a final group of 2 or 3 characters without its `=`/`==` padding. When
        /// padding is present it must be complete either way.
        public var allowMissingPadding: Bool
        /// Skip a leading `data:<media type>;base64,` header (RFC 2397). Error offsets still
        /// count from the start of the header.
        public var allowDataURIPrefix: Bool
        /// Read `\/` as `/`: text copied raw out of a JSON string may escape its slashes.
        /// Any other `\` is an error.
        public var unescapeJSONSlashes: Bool
        /// Skip spaces, tabs, CRs and LFs anywhere (MIME-style line breaks). Off by default:
        /// API payloads hold none, so whitespace there signals damage.
        public var ignoreWhitespace: Bool

        /// Creates decode options; the defaults suit API payloads.
        /// - Parameters:
        ///   - allowMissingPadding: accept unpadded text (default true).
        ///   - allowDataURIPrefix: skip a `data:…;base64,` header (default true).
        ///   - unescapeJSONSlashes: read `\/` as `/` (default true).
        ///   - ignoreWhitespace: skip whitespace (default false).
        public init(allowMissingPadding: Bool = true, allowDataURIPrefix: Bool = true,
                    unescapeJSONSlashes: Bool = true, ignoreWhitespace: Bool = false) {
            self.allowMissingPadding = allowMissingPadding
            self.allowDataURIPrefix = allowDataURIPrefix
            self.unescapeJSONSlashes = unescapeJSONSlashes
            self.ignoreWhitespace = ignoreWhitespace
        }

        /// The bare RFC 4648 alphabet with mandatory padding and nothing else.
        public static let strict = DecodeOptions(allowMissingPadding: false, allowDataURIPrefix: false,
                                                 unescapeJSONSlashes: false, ignoreWhitespace: false)

        var flags: Base64DecodeFlags {
            var flags: Base64DecodeFlags = []
            if allowMissingPadding { flags.insert(.allowMissingPadding) }
            if unescapeJSONSlashes { flags.insert(.unescapeJSONSlashes) }
            if ignoreWhitespace { flags.insert(.ignoreWhitespace) }
            return flags
        }
    }

    /// The core decodes use unless told otherwise, chosen once from a `cpuid` check.
    public static let activeImplementation: Implementation = Implementation.avx2.isAvailable ? .avx2 : .portable

    /// The name of the active core, `"avx2"` or `"portable"` (for `darkroom bench`).
    public static var implementation: String { activeImplementation.rawValue }

    /// An upper bound on the bytes `encodedCount` characters decode to: the size of
    /// buffer `decode(_:into:)` needs.
    /// - Parameter encodedCount: the length of the base64 text, any header included.
    /// - Returns: 3 bytes per 4 characters, plus 1 or 2 for a final short group.
    public static func maxDecodedCount(forEncodedCount encodedCount: Int) -> Int {
        let count = max(encodedCount, 0)
        return count / 4 * 3 + max(count % 4 - 1, 0)
    }

    /// The number of characters `byteCount` bytes encode to, padding included.
    /// - Parameter byteCount: the number of bytes.
    /// - Returns: `4 * ceil(byteCount / 3)`.
    public static func encodedCount(forByteCount byteCount: Int) -> Int {
        Base64Encoder.encodedCount(forByteCount: max(byteCount, 0))
    }

    // MARK: Decoding

    /// Decodes base64 text straight into a caller's buffer.
    ///
    /// The SIMD cores store whole vectors, so bytes of `output` past the returned count may
    /// be overwritten too.
    /// - Parameters:
    ///   - text: the base64 text (UTF-8 / ASCII bytes).
    ///   - output: where the decoded bytes go; `maxDecodedCount(forEncodedCount:)` bytes
    ///     always suffice.
    ///   - options: what to accept besides the bare alphabet.
    ///   - implementation: the core to use (the active one by default; `.avx2` falls back
    ///     to `.portable` on CPUs without it).
    /// - Returns: the number of bytes decoded into the front of `output`.
    /// - Throws: `Base64Error` naming the offset and byte of the first problem, or
    ///   `.outputTooSmall` if `output` cannot hold the result.
    public static func decode(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                              options: DecodeOptions = .init(),
                              implementation: Implementation = activeImplementation) throws(Base64Error) -> Int {
        let input = text.bindMemory(to: UInt8.self)
        let out = output.bindMemory(to: UInt8.self)
        var start = 0
        if options.allowDataURIPrefix {
            switch Base64DataURI.payloadStart(input) {
            case let .success(offset): start = offset
            case let .failure(failure): throw Base64Error(failure)
            }
        }
        var state = Base64DecodeState(input: input, output: out, flags: options.flags, start: start)
        let failure: Base64DecodeFailure?
        #if arch(x86_64)
        if implementation == .avx2 && CPUFeatures.isX86_64v3 {
            failure = Base64V3.decode(&state)
        } else {
            failure = Base64Portable.decode(&state)
        }
        #else
        failure = Base64Portable.decode(&state)
        #endif
        if let failure { throw Base64Error(failure) }
        return state.written
    }

    /// Decodes base64 text straight into a caller's buffer.
    ///
    /// Bytes of `output` past the returned count may be overwritten too.
    /// - Parameters:
    ///   - text: the base64 text (UTF-8 / ASCII bytes), e.g. `[UInt8]`, `Data` or
    ///     `String.UTF8View`.
    ///   - output: where the decoded bytes go; `maxDecodedCount(forEncodedCount:)` bytes
    ///     always suffice.
    ///   - options: what to accept besides the bare alphabet.
    ///   - implementation: the core to use (the active one by default).
    /// - Returns: the number of bytes decoded into the front of `output`.
    /// - Throws: `Base64Error` naming the offset and byte of the first problem.
    public static func decode(_ text: some Collection<UInt8>, into output: UnsafeMutableRawBufferPointer,
                              options: DecodeOptions = .init(),
                              implementation: Implementation = activeImplementation) throws(Base64Error) -> Int {
        try withContiguousBytes(of: text) { (raw) throws(Base64Error) -> Int in
            try decode(raw, into: output, options: options, implementation: implementation)
        }
    }

    /// Decodes base64 text.
    /// - Parameters:
    ///   - text: the base64 text (UTF-8 / ASCII bytes), e.g. `[UInt8]`, `Data`,
    ///     `UnsafeRawBufferPointer` or `String.UTF8View`.
    ///   - options: what to accept besides the bare alphabet.
    ///   - implementation: the core to use (the active one by default).
    /// - Returns: the decoded bytes.
    /// - Throws: `Base64Error` naming the offset and byte of the first problem.
    public static func decode(_ text: some Collection<UInt8>, options: DecodeOptions = .init(),
                              implementation: Implementation = activeImplementation) throws(Base64Error) -> [UInt8] {
        try withContiguousBytes(of: text) { (raw) throws(Base64Error) -> [UInt8] in
            try decodeToArray(raw, options: options, implementation: implementation)
        }
    }

    /// Decodes base64 text.
    /// - Parameters:
    ///   - text: the base64 text, e.g. a `b64_json` value from an images API response.
    ///   - options: what to accept besides the bare alphabet.
    ///   - implementation: the core to use (the active one by default).
    /// - Returns: the decoded bytes.
    /// - Throws: `Base64Error` naming the offset (in UTF-8 bytes) and byte of the first
    ///   problem.
    public static func decode(_ text: String, options: DecodeOptions = .init(),
                              implementation: Implementation = activeImplementation) throws(Base64Error) -> [UInt8] {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(Base64Error) -> [UInt8] in
                try decodeToArray(UnsafeRawBufferPointer(utf8), options: options, implementation: implementation)
            }
        }
        return try result.get()
    }

    private static func decodeToArray(_ text: UnsafeRawBufferPointer, options: DecodeOptions,
                                      implementation: Implementation) throws(Base64Error) -> [UInt8] {
        var failure: Base64Error?
        let bytes = [UInt8](unsafeUninitializedCapacity: maxDecodedCount(forEncodedCount: text.count)) { buffer, count in
            do throws(Base64Error) {
                count = try decode(text, into: UnsafeMutableRawBufferPointer(buffer), options: options,
                                   implementation: implementation)
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Runs `body` over the bytes of `text`, copying them only if they are not contiguous.
    private static func withContiguousBytes<C: Collection<UInt8>, R, E: Error>(
        of text: C, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let direct = text.withContiguousStorageIfAvailable { buffer in
            Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
        }
        if let direct { return try direct.get() }
        let copy = Array(text)
        let result = copy.withUnsafeBytes { raw in
            Result { () throws(E) -> R in try body(raw) }
        }
        return try result.get()
    }

    // MARK: Encoding

    /// Encodes bytes as padded base64 text (standard alphabet).
    /// - Parameter bytes: the bytes to encode.
    /// - Returns: the base64 text.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let count = encodedCount(forByteCount: bytes.count)
        return withContiguousBytes(of: bytes) { raw in
            String(unsafeUninitializedCapacity: count) { buffer in
                Base64Encoder.encode(raw, into: UnsafeMutableRawBufferPointer(buffer))
            }
        }
    }

    /// Encodes bytes as padded base64 text (standard alphabet), as ASCII bytes.
    /// - Parameter bytes: the bytes to encode.
    /// - Returns: the base64 characters.
    public static func encodedBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let count = encodedCount(forByteCount: bytes.count)
        return withContiguousBytes(of: bytes) { raw in
            [UInt8](unsafeUninitializedCapacity: count) { buffer, written in
                written = Base64Encoder.encode(raw, into: UnsafeMutableRawBufferPointer(buffer))
            }
        }
    }

    /// A `data:` URI holding bytes, e.g. for embedding an image in HTML or CSS.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - mediaType: its media type, e.g. `image/png`.
    /// - Returns: `data:<mediaType>;base64,<base64 text>`.
    public static func dataURI(_ bytes: some Collection<UInt8>, mediaType: String) -> String {
        "data:\(mediaType);base64," + encode(bytes)
    }
}
