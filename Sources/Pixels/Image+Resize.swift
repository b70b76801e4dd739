import CPUDispatch
import PixelKernels

extension Image {
    /// The image resampled to exactly `newWidth` × `newHeight`.
    ///
    /// The default options resample in linear light with premultiplied alpha: samples are
    /// decoded from sRGB through a table, colour is multiplied by alpha, the separable
    /// filter runs in floats, and the result is divided by alpha and re-encoded through a
    /// 14-bit table. `ResizeOptions.classic` filters the stored values directly, as Pillow
    /// and libvips do. An image stored premultiplied is returned premultiplied.
    /// - Parameters:
    ///   - newWidth: Output width, at least 1.
    ///   - newHeight: Output height, at least 1.
    ///   - options: Filter, linear light, premultiplied alpha, reducing gap, threads.
    ///   - build: The build of the core to run; `nil` (the default) uses `options.build`,
    ///     else `ResamplerBuild.active`; a build that is not available falls back to the
    ///     active one.
    ///   - bands: Split the destination rows into exactly this many bands run at once (at
    ///     most one per row), whatever the work and `options.threads`: for tests and
    ///     benchmarks. `nil` (the default) lets `options.threads` and the work decide.
    /// - Throws: `PixelsError.invalidSize` for a size below 1.
    public func resized(
        width newWidth: Int, height newHeight: Int, options: ResizeOptions, build: ResamplerBuild? = nil, bands: Int? = nil
    ) throws(PixelsError) -> Image {
        _ = try Image.checkGeometry(width: newWidth, height: newHeight, layout: layout, rowStride: nil)
        if newWidth == width && newHeight == height { return self }
        if alphaMode == .premultiplied && options.linearLight {
            // Premultiplied sRGB values cannot be decoded to linear light: undo, resample, redo.
            var straight = unpremultiplied()
            straight.alphaMode = .straight
            return try straight.resized(width: newWidth, height: newHeight, options: options, build: build, bands: bands)
                .premultiplied()
        }
        let premultiply = layout.hasAlpha && options.premultiplyAlpha && alphaMode == .straight
        let chosen = (build ?? options.build).flatMap { $0.isAvailable ? $0 : nil } ?? ResamplerBuild.active
        return resample(width: newWidth, height: newHeight, kernel: options.kernel, linear: options.linearLight,
                        premultiply: premultiply, reducingGap: options.reducingGap, build: chosen,
                        threads: max(1, options.threads), bands: bands)
    }

    /// The image resampled to exactly `newWidth` × `newHeight` with a separable filter,
    /// in linear light with premultiplied alpha (`ResizeOptions(kernel:)`).
    /// - Parameters:
    ///   - newWidth: Output width, at least 1.
    ///   - newHeight: Output height, at least 1.
    ///   - kernel: The filter; Lanczos3 by default.
    /// - Throws: `PixelsError.invalidSize` for a size below 1.
    public func resized(width newWidth: Int, height newHeight: Int, kernel: ResamplingKernel = .lanczos3) throws(PixelsError) -> Image {
        try resized(width: newWidth, height: newHeight, options: ResizeOptions(kernel: kernel))
    }

    /// The integer box-reduction factor Pillow's `reducing_gap` picks for one axis.
    static func reductionFactor(from inSize: Int, to outSize: Int, gap: Double?, kernel: ResamplingKernel) -> Int {
        guard let gap, gap >= 1, kernel != .nearest else { return 1 }
        return max(1, Int(Double(inSize) / Double(outSize) / gap))
    }

    private func resample(width newWidth: Int, height newHeight: Int, kernel: ResamplingKernel, linear: Bool,
                          premultiply: Bool, reducingGap: Double?, build: ResamplerBuild, threads: Int, bands: Int?) -> Image {
        let n = channels
        let lanes = n == 3 ? 4 : n
        let fx = Image.reductionFactor(from: width, to: newWidth, gap: reducingGap, kernel: kernel)
        let fy = Image.reductionFactor(from: height, to: newHeight, gap: reducingGap, kernel: kernel)
        let reducedWidth = (width + fx - 1) / fx, reducedHeight = (height + fy - 1) / fy
        let horizontal = ResampleWeights.cached(inSize: reducedWidth, extent: Double(width) / Double(fx), outSize: newWidth, kernel: kernel)
        // A square resize (or any with the same geometry on both axes) computes its weights once.
        let sameAxes = reducedHeight == reducedWidth && newHeight == newWidth && height * fx == width * fy
        let vertical = sameAxes ? horizontal
            : ResampleWeights.cached(inSize: reducedHeight, extent: Double(height) / Double(fy), outSize: newHeight, kernel: kernel)
        // Horizontal weights: each tap repeated once per lane, in groups of 8 floats.
        let vectors = (horizontal.taps * lanes + 7) / 8
        var expanded = [Float](repeating: 0, count: newWidth * vectors * 8)
        for x in 0..<newWidth {
            for t in 0..<horizontal.taps {
                let w = horizontal.weights[x * horizontal.taps + t]
                for l in 0..<lanes { expanded[x * vectors * 8 + t * lanes + l] = w }
            }
        }
        let toLinear = linear ? SRGBTable.toLinear : SRGBTable.identity
        let fromLinear = SRGBTable.fromLinear
        let srcStride = rowStride, srcWidth = width, srcHeight = height, hasAlpha = layout.hasAlpha
        return Image(validWidth: newWidth, height: newHeight, layout: layout, alphaMode: alphaMode) { dst, dstStride in
            withUnsafeBytes { src in
                toLinear.withUnsafeBufferPointer { toLinear in
                fromLinear.withUnsafeBufferPointer { fromLinear in
                expanded.withUnsafeBufferPointer { hWeights in
                horizontal.starts.withUnsafeBufferPointer { hStarts in
                vertical.starts.withUnsafeBufferPointer { vStarts in
                vertical.weights.withUnsafeBufferPointer { vWeights in
                    let plan = ResamplePlan(
                        source: src.baseAddress!.assumingMemoryBound(to: UInt8.self), sourceStride: srcStride,
                        sourceWidth: srcWidth, sourceHeight: srcHeight, channels: n,
                        destination: dst.baseAddress!.assumingMemoryBound(to: UInt8.self), destinationStride: dstStride,
                        destinationWidth: newWidth, destinationHeight: newHeight,
                        lanes: lanes, hasAlpha: hasAlpha, linear: linear, premultiply: premultiply,
                        toLinear: toLinear.baseAddress!, fromLinear: fromLinear.baseAddress!, fromLinearCount: fromLinear.count,
                        reduceX: fx, reduceY: fy, reducedWidth: reducedWidth, reducedHeight: reducedHeight,
                        horizontalStarts: hStarts.baseAddress!, horizontalWeights: hWeights.baseAddress!, horizontalVectors: vectors,
                        verticalStarts: vStarts.baseAddress!, verticalWeights: vWeights.baseAddress!, verticalTaps: vertical.taps)
                    ResampleBands.run(plan, threads: threads, bands: bands, build: build)
                }}}}}}
            }
        }
    }
}
