import Foundation

/// Paths to the shared test data (`../shared` beside the package root) and small helpers.
enum TestData {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the package root.
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    /// `../shared/corpus`.
    static let corpus: URL = shared.appendingPathComponent("corpus")
    /// `../shared/conformance`.
    static let conformance: URL = shared.appendingPathComponent("conformance")

    /// The bytes of a file.
    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// The corpus PNG photographs, by file name.
    static let corpusPNGs: [String] = [
        "s01_evening-glow_1024x1024.png", "s02_fallen-leaf_1024x1024.png", "s03_colorful-cups_1024x1024.png",
        "s04_ladybird_1024x1024.png", "s05_path_1344x768.png", "s06_cold-ripple_768x1344.png",
        "s07_yellow-flower_512x512.png", "s08_headset_rgba_512x512.png",
    ]
}
