import Pixels

/// Reads (and resets) the EXIF orientation tag of a TIFF-structured EXIF block.
public enum ExifReader {
    /// The orientation tag (0x0112) of IFD0.
    /// - Parameter exif: The EXIF block, starting with the TIFF header (`II*\0` or
    ///   `MM\0*`); a leading `Exif\0\0` is skipped.
    /// - Returns: The orientation, or `nil` when the block is malformed or has none.
    public static func orientation(in exif: [UInt8]) -> Orientation? {
        guard let field = orientationField(in: exif) else { return nil }
        let a = Int(exif[field.offset]), b = Int(exif[field.offset + 1])
        return Orientation(rawValue: field.littleEndian ? a | b << 8 : a << 8 | b)
    }

    /// A copy of `exif` whose orientation tag says `up` (1), for writing next to pixels
    /// that were already turned upright; `exif` unchanged when it has no such tag.
    public static func withOrientationUp(_ exif: [UInt8]) -> [UInt8] {
        guard let field = orientationField(in: exif) else { return exif }
        var copy = exif
        copy[field.offset] = field.littleEndian ? 1 : 0
        copy[field.offset + 1] = field.littleEndian ? 0 : 1
        return copy
    }

    /// Where the orientation value (a SHORT) sits, with the block's byte order.
    private static func orientationField(in exif: [UInt8]) -> (offset: Int, littleEndian: Bool)? {
        var base = 0
        if exif.count >= 6, Array(exif[0..<6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] { base = 6 }
        guard exif.count >= base + 8 else { return nil }
        let little: Bool
        switch (exif[base], exif[base + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= exif.count else { return nil }
            let a = Int(exif[at]), b = Int(exif[at + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ at: Int) -> Int? {
            guard let first = u16(at), let second = u16(at + 2) else { return nil }
            return little ? second << 16 | first : first << 16 | second
        }
        guard u16(base + 2) == 42, let ifd = u32(base + 4), let count = u16(base + ifd) else { return nil }
        for i in 0..<count {
            let entry = base + ifd + 2 + i * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard u16(entry + 2) == 3, entry + 10 <= exif.count else { return nil }
                return (entry + 8, little)
            }
        }
        return nil
    }
}
