/// The scalar base64 encoder (standard alphabet, with `=` padding).
public enum Base64Encoder {
    /// The number of characters `byteCount` bytes encode to (with padding).
    /// - Parameter byteCount: the number of bytes to encode.
    /// - Returns: `4 * ceil(byteCount / 3)`.
    public static func encodedCount(forByteCount byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Encodes `source` into `destination`, which must hold
    /// `encodedCount(forByteCount: source.count)` bytes.
    /// - Parameters:
    ///   - source: the bytes to encode.
    ///   - destination: where the characters go.
    /// - Returns: the number of characters written (0 if `destination` is too small).
    public static func encode(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Int {
        let needed = encodedCount(forByteCount: source.count)
        guard needed > 0 else { return 0 }
        guard destination.count >= needed, let src = source.baseAddress, let dst = destination.baseAddress else { return 0 }
        return Base64Tables.alphabet.withUnsafeBufferPointer { table in
            let alphabet = table.baseAddress!
            let bytes = src.assumingMemoryBound(to: UInt8.self)
            let out = dst.assumingMemoryBound(to: UInt8.self)
            let whole = source.count / 3
            var i = 0, o = 0
            for _ in 0..<whole {
                let group = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                out[o] = alphabet[Int(group >> 18)]
                out[o + 1] = alphabet[Int(group >> 12 & 63)]
                out[o + 2] = alphabet[Int(group >> 6 & 63)]
                out[o + 3] = alphabet[Int(group & 63)]
                i += 3
                o += 4
            }
            switch source.count - i {
            case 1:
                let group = UInt32(bytes[i]) << 16
                out[o] = alphabet[Int(group >> 18)]
                out[o + 1] = alphabet[Int(group >> 12 & 63)]
                out[o + 2] = UInt8(ascii: "=")
                out[o + 3] = UInt8(ascii: "=")
                o += 4
            case 2:
                let group = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                out[o] = alphabet[Int(group >> 18)]
                out[o + 1] = alphabet[Int(group >> 12 & 63)]
                out[o + 2] = alphabet[Int(group >> 6 & 63)]
                out[o + 3] = UInt8(ascii: "=")
                o += 4
            default:
                break
            }
            return o
        }
    }
}
