extension Base64DecodeState {
    /// The scalar slow path: decodes byte by byte from `position`, handling everything the
    /// SIMD loop leaves to it (JSON `\/` escapes, whitespace, padding, errors, the tail).
    ///
    /// It returns once `position >= stop` on a group boundary, or at the end of the input
    /// (then `isFinished` is set after the length and padding checks).
    /// - Parameter stop: the offset after which to hand back to the fast path.
    /// - Returns: why the input cannot be decoded, or nil.
    public mutating func decodeScalar(until stop: Int) -> Base64DecodeFailure? {
        Base64Tables.decode.withUnsafeBufferPointer { table in
            decodeScalar(until: stop, table: table.baseAddress!)
        }
    }

    private mutating func decodeScalar(until stop: Int, table: UnsafePointer<UInt8>) -> Base64DecodeFailure? {
        let end = inputCount
        let unescape = flags.contains(.unescapeJSONSlashes)
        let skipWhitespace = flags.contains(.ignoreWhitespace)
        var i = position
        var bits: UInt32 = 0
        var pending = 0
        while i < end {
            let byte = input[i]
            var value = table[Int(byte)]
            if value >= 64 {
                switch value {
                case Base64Tables.backslash:
                    guard unescape, i + 1 < end, input[i + 1] == UInt8(ascii: "/") else {
                        return .invalidByte(offset: i, byte: byte)
                    }
                    i += 1
                    value = 63
                case Base64Tables.whitespace where skipWhitespace:
                    i += 1
                    continue
                case Base64Tables.padding:
                    return finishPadding(at: i, bits: bits, pending: pending)
                default:
                    return .invalidByte(offset: i, byte: byte)
                }
            }
            i += 1
            bits = bits << 6 | UInt32(value)
            pending += 1
            if pending == 4 {
                guard written + 3 <= outputCapacity else { return .outputTooSmall(capacity: outputCapacity) }
                output[written] = UInt8(truncatingIfNeeded: bits >> 16)
                output[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                output[written + 2] = UInt8(truncatingIfNeeded: bits)
                written += 3
                bits = 0
                pending = 0
                if i >= stop {
                    position = i
                    return nil
                }
            }
        }
        position = end
        if pending >= 2 && !flags.contains(.allowMissingPadding) {
            return .missingPadding(offset: end)
        }
        return finishGroup(bits: bits, pending: pending)
    }

    /// Checks the padding that starts with the `=` at `offset` and everything after it,
    /// then writes the last short group.
    private mutating func finishPadding(at offset: Int, bits: UInt32, pending: Int) -> Base64DecodeFailure? {
        // A group of 2 characters takes "==", a group of 3 takes "=", others take none.
        guard pending >= 2 else { return .invalidPadding(offset: offset) }
        let end = inputCount
        let skipWhitespace = flags.contains(.ignoreWhitespace)
        var needed = 4 - pending
        var i = offset
        while i < end {
            let byte = input[i]
            if skipWhitespace && Base64Tables.decode[Int(byte)] == Base64Tables.whitespace {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "=") {
                if needed == 0 { return .invalidPadding(offset: i) }
                needed -= 1
            } else {
                if needed != 0 { return .invalidPadding(offset: offset) }
                return .dataAfterPadding(offset: i, byte: byte)
            }
            i += 1
        }
        if needed != 0 { return .invalidPadding(offset: offset) }
        position = end
        return finishGroup(bits: bits, pending: pending)
    }

    /// Writes the last 0, 2 or 3 pending characters' bytes (trailing bits that do not make a
    /// byte are dropped, whatever their value) and marks the decode finished.
    private mutating func finishGroup(bits: UInt32, pending: Int) -> Base64DecodeFailure? {
        switch pending {
        case 0:
            break
        case 1:
            return .invalidLength(count: written / 3 * 4 + 1)
        case 2:
            guard written + 1 <= outputCapacity else { return .outputTooSmall(capacity: outputCapacity) }
            output[written] = UInt8(truncatingIfNeeded: bits >> 4)
            written += 1
        default:
            guard written + 2 <= outputCapacity else { return .outputTooSmall(capacity: outputCapacity) }
            output[written] = UInt8(truncatingIfNeeded: bits >> 10)
            output[written + 1] = UInt8(truncatingIfNeeded: bits >> 2)
            written += 2
        }
        isFinished = true
        return nil
    }
}
