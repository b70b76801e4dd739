/// A SIMD core that decodes fixed-size blocks of clean base64 text (alphabet characters
/// only) and reports blocks it cannot take, which the scalar slow path then decodes.
public protocol Base64BlockKernel {
    /// Input bytes per block (a multiple of 4).
    static var inputBlockSize: Int { get }
    /// How many output bytes a block may write, counted from its output start: at least
    /// `inputBlockSize / 4 * 3`, more if the core stores whole vectors.
    static var outputReach: Int { get }
    /// Decodes one block of `inputBlockSize` bytes at `source` into `inputBlockSize / 4 * 3`
    /// bytes at `destination` (writing at most `outputReach` bytes).
    /// - Parameters:
    ///   - source: the block's first input byte.
    ///   - destination: where its first decoded byte goes.
    /// - Returns: false if the block holds any byte outside the alphabet; the bytes written
    ///   are then meaningless and will be overwritten.
    static func decodeBlock(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>) -> Bool
}

extension Base64BlockKernel {
    /// Decodes the rest of `state`'s input: clean blocks go through this kernel, blocks it
    /// refuses (escapes, padding, bad bytes) and the tail through the scalar slow path.
    /// - Parameter state: the decode to advance; finished on success.
    /// - Returns: why the input cannot be decoded, or nil.
    @inlinable
    public static func decode(_ state: inout Base64DecodeState) -> Base64DecodeFailure? {
        let input = state.input
        let output = state.output
        let inputLimit = state.inputCount - inputBlockSize
        let outputLimit = state.outputCapacity - outputReach
        let outputBlock = inputBlockSize / 4 * 3
        while !state.isFinished {
            var position = state.position
            var written = state.written
            while position <= inputLimit && written <= outputLimit {
                guard decodeBlock(input + position, output + written) else { break }
                position &+= inputBlockSize
                written &+= outputBlock
            }
            state.position = position
            state.written = written
            // The slow path takes one block (or the tail when no whole block is left).
            let fits = position <= inputLimit && written <= outputLimit
            let stop = fits ? position + inputBlockSize : state.inputCount
            if let failure = state.decodeScalar(until: stop) { return failure }
        }
        return nil
    }
}
