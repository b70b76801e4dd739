import Foundation

extension Image {
    /// The origin of the `width` × `height` window with the highest Shannon entropy of
    /// its luminance histogram (256 bins, Rec. 601 luma of the colour samples, alpha
    /// ignored). The window slides one pixel at a time along the axis where the image
    /// is larger than the window (a cover crop is larger along one axis only; when both
    /// are larger, the search runs along x, then along y inside the best column band).
    /// Ties go to the window nearest the centre.
    /// - Returns: The top-left corner; `(0, 0)` when the window does not fit.
    public func entropyWindow(width w: Int, height h: Int) -> (x: Int, y: Int) {
        guard w >= 1, h >= 1, w <= width, h <= height else { return (0, 0) }
        let luma = lumaPlane()
        let x = bestOffset(lines: width, window: w) { x0 in
            var hist = [Int](repeating: 0, count: 256)
            for y in 0..<height { hist[Int(luma[y * width + x0])] += 1 }
            return hist
        } score: { Image.entropy($0) }
        let y = bestOffset(lines: height, window: h) { y0 in
            var hist = [Int](repeating: 0, count: 256)
            for xx in x..<x + w { hist[Int(luma[y0 * width + xx])] += 1 }
            return hist
        } score: { Image.entropy($0) }
        return (x, y)
    }

    /// The origin of the `width` × `height` window with the most visual interest, a
    /// simplified form of libvips' `attention` smart crop. Each pixel scores the sum of
    /// its luminance edge strength (absolute 4-neighbour Laplacian of Rec. 601 luma),
    /// half its saturation (max − min of R, G, B, counted when above 64) and a skin-tone
    /// bonus of 128 (the RGB rule of Kovač et al.: R > 95, G > 40, B > 20, R > G, R > B,
    /// R − G > 15, max − min > 15). The window with the largest total wins, searched as
    /// in `entropyWindow`. Gray images score edges only.
    /// - Returns: The top-left corner; `(0, 0)` when the window does not fit.
    public func attentionWindow(width w: Int, height h: Int) -> (x: Int, y: Int) {
        guard w >= 1, h >= 1, w <= width, h <= height else { return (0, 0) }
        let scores = attentionScores()
        let x = bestOffset(lines: width, window: w) { x0 in
            var sum = 0
            for y in 0..<height { sum += scores[y * width + x0] }
            return [sum]
        } score: { Double($0[0]) }
        let y = bestOffset(lines: height, window: h) { y0 in
            var sum = 0
            for xx in x..<x + w { sum += scores[y0 * width + xx] }
            return [sum]
        } score: { Double($0[0]) }
        return (x, y)
    }

    /// Slides a window of `window` lines over `lines` lines, keeping a running sum of
    /// each line's statistics, and returns the start with the highest score (ties to the
    /// one nearest the centre).
    private func bestOffset(
        lines: Int, window: Int, line: (Int) -> [Int], score: ([Int]) -> Double
    ) -> Int {
        if window >= lines { return 0 }
        let stats = (0..<lines).map(line)
        var running = [Int](repeating: 0, count: stats[0].count)
        for i in 0..<window { for k in running.indices { running[k] += stats[i][k] } }
        let centre = (lines - window) / 2
        var best = 0, bestScore = score(running)
        for start in 1...(lines - window) {
            for k in running.indices { running[k] += stats[start + window - 1][k] - stats[start - 1][k] }
            let s = score(running)
            if s > bestScore + 1e-9 || (abs(s - bestScore) <= 1e-9 && abs(start - centre) < abs(best - centre)) {
                best = start
                bestScore = s
            }
        }
        return best
    }

    /// Shannon entropy (bits) of a histogram.
    private static func entropy(_ hist: [Int]) -> Double {
        let total = Double(hist.reduce(0, +))
        guard total > 0 else { return 0 }
        var e = 0.0
        for count in hist where count > 0 {
            let p = Double(count) / total
            e -= p * log2(p)
        }
        return e
    }

    /// Rec. 601 luma of every pixel, row by row, tightly packed.
    private func lumaPlane() -> [UInt8] {
        let n = channels, colour = layout.isColour, stride = rowStride, w = width
        return withUnsafeBytes { raw in
            let s = raw.bindMemory(to: UInt8.self)
            var out = [UInt8](repeating: 0, count: width * height)
            for y in 0..<height {
                for x in 0..<w {
                    let i = y * stride + x * n
                    out[y * w + x] = colour ? Colour.luma(s[i], s[i + 1], s[i + 2]) : s[i]
                }
            }
            return out
        }
    }

    /// Per-pixel interest scores for `attentionWindow`.
    private func attentionScores() -> [Int] {
        let luma = lumaPlane()
        let n = channels, colour = layout.isColour, stride = rowStride, w = width, h = height
        var scores = [Int](repeating: 0, count: w * h)
        withUnsafeBytes { raw in
            let s = raw.bindMemory(to: UInt8.self)
            for y in 0..<h {
                for x in 0..<w {
                    let c = Int(luma[y * w + x])
                    let l = Int(luma[y * w + max(0, x - 1)]), r = Int(luma[y * w + min(w - 1, x + 1)])
                    let u = Int(luma[max(0, y - 1) * w + x]), d = Int(luma[min(h - 1, y + 1) * w + x])
                    var score = abs(4 * c - l - r - u - d)
                    if colour {
                        let i = y * stride + x * n
                        let R = Int(s[i]), G = Int(s[i + 1]), B = Int(s[i + 2])
                        let spread = max(R, G, B) - min(R, G, B)
                        if spread > 64 { score += spread / 2 }
                        if R > 95, G > 40, B > 20, R > G, R > B, R - G > 15, spread > 15 { score += 128 }
                    }
                    scores[y * w + x] = score
                }
            }
        }
        return scores
    }
}
