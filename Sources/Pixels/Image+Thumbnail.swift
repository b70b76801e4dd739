extension Image {
    /// A thumbnail of the image fitted to `width` × `height`: resampled with the
    /// options' filter (box pre-reduction included), cropped or letterboxed as the fit
    /// mode says, and lightly sharpened after a reduction of 2× or more (before the letterbox is
    /// added, so its edge does not ring).
    /// - Parameters:
    ///   - width: Box width, or `nil` to follow the aspect ratio.
    ///   - height: Box height, or `nil` to follow the aspect ratio.
    ///   - options: Fit, position, resampling and sharpening.
    /// - Throws: `PixelsError.invalidSize` for a box side below 1 or no side at all.
    public func thumbnail(width: Int?, height: Int?, options: ThumbnailOptions = ThumbnailOptions()) throws(PixelsError) -> Image {
        let plan = try FitPlan.plan(sourceWidth: self.width, sourceHeight: self.height, width: width, height: height,
                                    fit: options.fit, withoutEnlargement: options.withoutEnlargement)
        return try thumbnail(plan, sourceWidth: self.width, sourceHeight: self.height, options: options)
    }

    /// A thumbnail made from a fit plan; the image may already be a reduced decode of a
    /// larger picture (`sourceWidth` × `sourceHeight`), which decides whether the
    /// reduction was strong enough to sharpen.
    /// - Parameters:
    ///   - plan: The geometry, planned on the full-size picture.
    ///   - sourceWidth: Width of the full-size picture.
    ///   - sourceHeight: Height of the full-size picture.
    ///   - options: Fit, position, resampling and sharpening.
    /// - Throws: `PixelsError` when the plan's sizes are invalid.
    public func thumbnail(_ plan: FitPlan, sourceWidth: Int, sourceHeight: Int, options: ThumbnailOptions) throws(PixelsError) -> Image {
        var image = try resizedAndCropped(plan, position: options.position, options: options.resize)
        if options.sharpens(sourceWidth: sourceWidth, sourceHeight: sourceHeight, plan: plan) {
            image = image.sharpened(sigma: options.sharpenSigma, amount: options.sharpenAmount)
        }
        return try image.paddedToPlan(plan, position: options.position, background: options.background)
    }
}
