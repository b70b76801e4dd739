import Pixels
import Testing

/// `ResizeOptions.classic` against Pillow 13's Lanczos3 (`Image.resize(size,
/// Image.Resampling.LANCZOS)`, 8-bit clipped intermediate). The expected values were made
/// once with `/work/main/.venv-peers/bin/python` (PIL 13) on the corpus files:
/// `r = Image.open(path).resize((w, h), Image.Resampling.LANCZOS)`, then the per-channel
/// sums of `r.tobytes()` and `r.getpixel` at the 8×4 grid of points
/// `(x * (w - 1) // 7, y * (h - 1) // 3)`. On the whole images every sample was within one
/// level of Pillow's (85–90 % identical).
@Suite struct ClassicModeTests {
    struct PillowResult: Sendable, CustomStringConvertible {
        let name: String
        let width: Int
        let height: Int
        let channelSums: [Int]
        let grid: [[UInt8]]
        var description: String { "\(name) → \(width)x\(height)" }
    }

    static let pillow: [PillowResult] = [
        PillowResult(name: "s05_path_1344x768.png", width: 336, height: 192, channelSums: [1949766, 2919353, 1786138], grid: [
            [21, 28, 24], [10, 14, 15], [73, 116, 68], [24, 30, 23], [35, 45, 37], [39, 61, 43], [56, 72, 71], [20, 28, 25],
            [13, 18, 17], [14, 21, 19], [27, 42, 31], [25, 31, 27], [18, 29, 19], [19, 28, 22], [34, 50, 39], [18, 27, 21],
            [29, 39, 25], [25, 43, 25], [79, 81, 38], [30, 48, 34], [31, 51, 25], [30, 51, 24], [17, 24, 20], [22, 31, 23],
            [17, 30, 20], [33, 49, 24], [61, 53, 22], [25, 40, 19], [51, 119, 34], [16, 25, 17], [25, 50, 22], [28, 57, 27],
        ]),
        PillowResult(name: "s07_yellow-flower_512x512.png", width: 700, height: 650, channelSums: [75571407, 55870315, 3632910], grid: [
            [4, 4, 2], [2, 2, 0], [23, 13, 6], [70, 43, 16], [56, 41, 8], [25, 20, 4], [255, 225, 33], [1, 1, 1],
            [18, 14, 5], [16, 13, 4], [255, 229, 30], [15, 12, 5], [237, 178, 0], [229, 171, 0], [233, 164, 0], [208, 149, 3],
            [20, 23, 4], [16, 11, 4], [255, 226, 26], [217, 152, 2], [206, 120, 0], [253, 171, 1], [228, 125, 1], [255, 186, 3],
            [14, 9, 3], [255, 233, 61], [255, 209, 29], [159, 84, 1], [225, 129, 0], [253, 171, 0], [254, 162, 0], [219, 156, 5],
        ]),
    ]

    @Test(arguments: pillow)
    func classicLanczos3MatchesPillow(expected: PillowResult) throws {
        let w = expected.width, h = expected.height
        let out = try CorpusImages.image(expected.name).resized(width: w, height: h, options: .classic)
        #expect(out.width == w && out.height == h)
        let bytes = out.packed().pixels
        for c in 0..<3 {
            let sum = stride(from: c, to: bytes.count, by: 3).reduce(0) { $0 + Int(bytes[$1]) }
            // Mean per sample within 0.15 of a level.
            let difference = Double(sum - expected.channelSums[c]) / Double(w * h)
            #expect(abs(difference) < 0.15, "channel \(c): mean differs by \(difference)")
        }
        for (k, pillowPixel) in expected.grid.enumerated() {
            let x = (k % 8) * (w - 1) / 7, y = (k / 8) * (h - 1) / 3
            let ours = out.pixel(x: x, y: y)!
            for c in 0..<3 { #expect(abs(Int(ours[c]) - Int(pillowPixel[c])) <= 1, "(\(x), \(y)): \(ours) vs Pillow \(pillowPixel)") }
        }
    }
}
