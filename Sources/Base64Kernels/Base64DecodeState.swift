/// Where a decode stands: the input and output buffers and how far each has been used.
/// The fast SIMD loop and the scalar slow path take turns advancing it; between turns the
/// position is always on a 4-character group boundary.
public struct Base64DecodeState {
    /// The whole input (offsets in failures are into it).
    public let input: UnsafePointer<UInt8>
    /// The number of input bytes.
    public let inputCount: Int
    /// The output buffer.
    public let output: UnsafeMutablePointer<UInt8>
    /// The output buffer's size in bytes.
    public let outputCapacity: Int
    /// The leniencies to honour.
    public let flags: Base64DecodeFlags
    /// The next input byte to read.
    public var position: Int
    /// The number of bytes written to `output`.
    public var written: Int
    /// True once the whole input is decoded (padding and length checked).
    public var isFinished = false

    /// Creates a decode of `input` into `output`, starting at `start` (after any `data:`
    /// header).
    /// - Parameters:
    ///   - input: the base64 text.
    ///   - output: where decoded bytes go.
    ///   - flags: the leniencies to honour.
    ///   - start: the offset of the first base64 character.
    public init(input: UnsafeBufferPointer<UInt8>, output: UnsafeMutableBufferPointer<UInt8>,
                flags: Base64DecodeFlags, start: Int = 0) {
        // A zero-size buffer may have no base address; a dangling one-byte buffer stands in
        // for it and is never read or written because the counts stay zero.
        self.input = input.baseAddress ?? Base64DecodeState.emptyInput
        self.inputCount = input.baseAddress == nil ? 0 : input.count
        self.output = output.baseAddress ?? Base64DecodeState.emptyOutput
        self.outputCapacity = output.baseAddress == nil ? 0 : output.count
        self.flags = flags
        self.position = min(max(start, 0), inputCount)
        self.written = 0
    }

    nonisolated(unsafe) private static let emptyInput = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
    nonisolated(unsafe) private static let emptyOutput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
}
