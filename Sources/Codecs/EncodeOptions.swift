/// PNG encoder settings.
public struct PNGEncodeOptions: Sendable, Equatable {
    /// Level 0 (store) to 9 (smallest), default 6. Levels 1–9 deflate with zlib's
    /// run-length strategy at that level, and with libdeflate at that level too when
    /// the run-length stream is under a third of the data (flat images), keeping the
    /// smaller; see `PNGWriter`.
    public var compressionLevel: Int
    /// Row filter strategy.
    public var filter: PNGFilter

    /// Creates PNG settings.
    public init(compressionLevel: Int = 6, filter: PNGFilter = .adaptive) {
        self.compressionLevel = compressionLevel
        self.filter = filter
    }
}

/// A PNG row filter strategy.
public enum PNGFilter: String, Sendable, CaseIterable {
    /// No filtering (fastest; best for flat, palette-like images).
    case none
    /// Each byte minus the one to its left.
    case sub
    /// Each byte minus the one above.
    case up
    /// Each byte minus the mean of left and above.
    case average
    /// Paeth predictor.
    case paeth
    /// libpng chooses per row among all five (the default).
    case adaptive
}

/// JPEG encoder settings.
public struct JPEGEncodeOptions: Sendable, Equatable {
    /// Quality 1–100.
    public var quality: Int
    /// Write a progressive JPEG.
    public var progressive: Bool
    /// Chroma subsampling.
    public var chromaSubsampling: ChromaSubsampling
    /// Compute optimal Huffman tables (smaller, slightly slower).
    public var optimizeHuffman: Bool

    /// Creates JPEG settings.
    public init(quality: Int = 85, progressive: Bool = false, chromaSubsampling: ChromaSubsampling = .s420, optimizeHuffman: Bool = false) {
        self.quality = quality
        self.progressive = progressive
        self.chromaSubsampling = chromaSubsampling
        self.optimizeHuffman = optimizeHuffman
    }
}

/// JPEG chroma subsampling.
public enum ChromaSubsampling: String, Sendable, CaseIterable {
    /// Full-resolution chroma.
    case s444 = "4:4:4"
    /// Chroma halved in both directions (the web default).
    case s420 = "4:2:0"
}

/// WebP encoder settings.
public struct WebPEncodeOptions: Sendable, Equatable {
    /// Quality 0–100 (lossy), or compression effort in lossless mode.
    public var quality: Float
    /// Method / effort 0 (fastest) to 6 (smallest).
    public var effort: Int
    /// Quality 0–100 of the alpha plane in lossy mode.
    public var alphaQuality: Int
    /// Lossless (VP8L) instead of lossy (VP8).
    public var lossless: Bool

    /// Creates WebP settings.
    public init(quality: Float = 80, effort: Int = 4, alphaQuality: Int = 100, lossless: Bool = false) {
        self.quality = quality
        self.effort = effort
        self.alphaQuality = alphaQuality
        self.lossless = lossless
    }
}
