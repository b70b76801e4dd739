import Codecs

/// An independent, deliberately plain base64 decoder with the same rules as `Base64`:
/// written from the specification (RFC 4648 §4 plus Darkroom's documented leniencies),
/// sharing no code or tables with the library, for checking the fast cores against.
enum Base64Reference {
    /// The 6-bit value of an alphabet character.
    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Decodes `input` as `Base64.decode(_:options:)` specifies.
    static func decode(_ input: [UInt8], options: Base64.DecodeOptions = .init()) -> Result<[UInt8], Base64Error> {
        var i = 0
        if options.allowDataURIPrefix && input.count >= 5
            && String(decoding: input[0..<5], as: UTF8.self).lowercased() == "data:" {
            guard let comma = input.firstIndex(of: UInt8(ascii: ",")) else {
                return .failure(.invalidDataURI(offset: input.count))
            }
            let header = String(decoding: input[5..<comma], as: UTF8.self).lowercased()
            guard header.hasSuffix(";base64") else { return .failure(.invalidDataURI(offset: comma)) }
            i = comma + 1
        }

        // Phase 1: the characters before any padding.
        var sextets: [UInt8] = []
        var paddingAt: Int?
        while i < input.count {
            let byte = input[i]
            if let v = value(of: byte) {
                sextets.append(v)
                i += 1
            } else if byte == UInt8(ascii: "\\") && options.unescapeJSONSlashes
                        && i + 1 < input.count && input[i + 1] == UInt8(ascii: "/") {
                sextets.append(63)
                i += 2
            } else if options.ignoreWhitespace && isWhitespace(byte) {
                i += 1
            } else if byte == UInt8(ascii: "=") {
                paddingAt = i
                break
            } else {
                return .failure(.invalidByte(offset: i, byte: byte))
            }
        }

        let leftover = sextets.count % 4
        if let padding = paddingAt {
            // Phase 2: the padding and whatever follows it.
            guard leftover >= 2 else { return .failure(.invalidPadding(offset: padding)) }
            let needed = 4 - leftover
            let rest = (padding..<input.count).filter { !(options.ignoreWhitespace && isWhitespace(input[$0])) }
            for k in 0..<needed where k >= rest.count || input[rest[k]] != UInt8(ascii: "=") {
                return .failure(.invalidPadding(offset: padding))
            }
            if rest.count > needed {
                let offset = rest[needed]
                if input[offset] == UInt8(ascii: "=") { return .failure(.invalidPadding(offset: offset)) }
                return .failure(.dataAfterPadding(offset: offset, byte: input[offset]))
            }
        } else {
            if leftover == 1 { return .failure(.invalidLength(sextets.count)) }
            if leftover != 0 && !options.allowMissingPadding { return .failure(.missingPadding(offset: input.count)) }
        }

        // Bits to bytes: every full 8 bits is a byte; leftover bits are dropped.
        var bytes: [UInt8] = []
        var buffer = 0, bits = 0
        for s in sextets {
            buffer = (buffer << 6 | Int(s)) & 0xFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return .success(bytes)
    }
}
