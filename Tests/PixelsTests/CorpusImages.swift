import Codecs
import Foundation
import Pixels

/// Decoded photographs of `../shared/corpus` for the pixel-kernel tests.
enum CorpusImages {
    /// `../shared/corpus` beside the package root.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The corpus file `name`, decoded.
    static func image(_ name: String) throws -> Image {
        try PNGCodec.decode([UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))).image
    }

    /// A `size`×`size` crop from the middle of the corpus file `name` (keeps the float64
    /// reference quick while testing real photographic content).
    static func crop(_ name: String, size: Int) throws -> Image {
        let full = try image(name)
        return try full.cropped(x: (full.width - size) / 2, y: (full.height - size) / 2, width: size, height: size)
    }
}
