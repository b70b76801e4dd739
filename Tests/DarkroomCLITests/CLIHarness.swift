import Foundation

/// Locates and runs the built `darkroom` executable for end-to-end tests.
enum CLIHarness {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
