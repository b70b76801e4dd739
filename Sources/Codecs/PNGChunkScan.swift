import CDeflate

/// A walk over a PNG's chunks for the fast decoder: the header, where the image data
/// lies, and the metadata chunks. It accepts only what the fast path handles (8-bit
/// gray, gray+alpha, RGB, RGBA, not interlaced, no `tRNS`, every CRC correct, no unknown
/// critical chunk); anything else gives `nil` and libpng takes the file.
struct PNGChunkScan {
    let width: Int
    let height: Int
    /// Samples per pixel: 1, 2, 3 or 4.
    let channels: Int
    /// The colour type byte of IHDR.
    let colourType: UInt8
    /// Byte ranges of the IDAT payloads, in order.
    let imageData: [Range<Int>]
    /// Byte ranges and types of the metadata chunks, in order.
    let metadataChunks: [(type: String, range: Range<Int>)]

    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 8 + 25 + 12 else { return nil }
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var offset = 8
        var header: (w: Int, h: Int, depth: UInt8, colour: UInt8, interlace: UInt8, compression: UInt8, filter: UInt8)?
        var idat: [Range<Int>] = []
        var metadata: [(String, Range<Int>)] = []
        var sawEnd = false
        var idatClosed = false
        while offset + 12 <= bytes.count {
            let length = u32(offset)
            guard length <= 0x7FFF_FFFF, offset + 12 + length <= bytes.count else { return nil }
            let type = (bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7])
            let data = offset + 8..<offset + 8 + length
            let stored = UInt32(u32(offset + 8 + length))
            let crc = libdeflate_crc32(0, bytes.baseAddress! + offset + 4, length + 4)
            guard crc == stored else { return nil }
            let name = String(decoding: [type.0, type.1, type.2, type.3], as: UTF8.self)
            if header == nil {
                guard name == "IHDR", length == 13 else { return nil }
                let p = data.lowerBound
                header = (u32(p), u32(p + 4), bytes[p + 8], bytes[p + 9], bytes[p + 12], bytes[p + 10], bytes[p + 11])
            } else {
                switch name {
                case "IDAT":
                    guard !idatClosed else { return nil }
                    idat.append(data)
                case "IEND":
                    sawEnd = true
                case "PLTE":
                    // A suggested palette for truecolour is allowed and ignored; a palette
                    // image is not taken by the fast path.
                    guard header?.colour == 2 || header?.colour == 6 else { return nil }
                case "tEXt", "zTXt", "iTXt", "iCCP", "eXIf":
                    metadata.append((name, data))
                case "tRNS", "IHDR":
                    return nil
                default:
                    // Ancillary chunks (lower-case first letter) are skipped; an unknown
                    // critical one goes to libpng, which refuses it.
                    guard type.0 & 0x20 != 0 else { return nil }
                }
                if name != "IDAT" && !idat.isEmpty { idatClosed = true }
            }
            offset += 12 + length
            if sawEnd { break }
        }
        guard sawEnd, !idat.isEmpty, let h = header, h.w > 0, h.h > 0, h.depth == 8, h.interlace == 0,
              h.compression == 0, h.filter == 0 else { return nil }
        let channels: Int
        switch h.colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: return nil
        }
        width = h.w
        height = h.h
        self.channels = channels
        colourType = h.colour
        imageData = idat
        metadataChunks = metadata
    }
}
