import DarkroomTestSupport
import Foundation
import Pixels
import Testing

/// Seeded property tests of every resizing entry point against the float64 reference:
/// random gray, gray+alpha, RGB and RGBA images of 1–64 pixels a side with adversarial
/// alpha, random target sizes from 1/16× to 8× on each axis independently.
///
/// `DARKROOM_PROPERTY_ITERATIONS` (default 100) sets how many random cases each test runs
/// and `DARKROOM_PROPERTY_SEED` (default 1515) the seed; every failure names its case, so
/// `DARKROOM_PROPERTY_SEED=S` with the same iteration count reproduces it.
@Suite struct ResizePropertyTests {
    static let iterations = ProcessInfo.processInfo.environment["DARKROOM_PROPERTY_ITERATIONS"].flatMap { Int($0) } ?? 100
    static let seed = ProcessInfo.processInfo.environment["DARKROOM_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 1515
    static var cases: Range<Int> { 0..<max(1, iterations) }

    /// `resized` with every kernel × linear/classic × premultiply on/off × every build.
    @Test(arguments: cases)
    func resizedMatchesReference(iteration: Int) throws {
        var rng = SplitMix64(seed: Self.seed, stream: UInt64(iteration))
        let (image, pattern) = try AdversarialImage.make(&rng)
        let width = AdversarialImage.targetSide(image.width, &rng), height = AdversarialImage.targetSide(image.height, &rng)
        let gap: Double? = rng.next() % 4 == 0 ? 2 : nil
        for kernel in ResamplingKernel.allCases {
            for linear in [true, false] {
                for premultiply in [true, false] {
                    let options = ResizeOptions(kernel: kernel, linearLight: linear, premultiplyAlpha: premultiply, reducingGap: gap)
                    let reference = ResampleReference.resampled(image, width: width, height: height, options: options)
                    for build in ResamplerBuild.allCases where build.isAvailable {
                        var chosen = options
                        chosen.build = build
                        let fast = try image.resized(width: width, height: height, options: chosen)
                        let label = "case \(iteration) (seed \(Self.seed)): \(image.width)x\(image.height) \(image.layout) \(pattern) → \(width)x\(height) \(kernel) linear \(linear) premultiply \(premultiply) gap \(gap.map { "\($0)" } ?? "none") \(build)"
                        Self.expectClose(fast, reference, width: width, height: height, layout: image.layout, label)
                    }
                }
            }
        }
    }

    /// `fitted` with every fit mode (a random kernel, mode and position each), every build.
    @Test(arguments: cases)
    func fittedMatchesReference(iteration: Int) throws {
        var rng = SplitMix64(seed: Self.seed ^ 0xF17, stream: UInt64(iteration))
        let (image, pattern) = try AdversarialImage.make(&rng)
        for fit in FitMode.allCases {
            let boxWidth = AdversarialImage.targetSide(image.width, &rng), boxHeight = AdversarialImage.targetSide(image.height, &rng)
            let box: (Int?, Int?) = rng.next() % 5 == 0 ? (boxWidth, nil) : rng.next() % 5 == 0 ? (nil, boxHeight) : (boxWidth, boxHeight)
            let options = AdversarialImage.options(&rng)
            let position = AdversarialImage.plainPositions[Int(rng.next() % UInt64(AdversarialImage.plainPositions.count))]
            let background = Colour(red: UInt8(truncatingIfNeeded: rng.next()), green: 40, blue: 200, alpha: rng.next() % 2 == 0 ? 255 : 0)
            let withoutEnlargement = rng.next() % 3 == 0
            let plan = try FitPlan.plan(sourceWidth: image.width, sourceHeight: image.height, width: box.0, height: box.1,
                                        fit: fit, withoutEnlargement: withoutEnlargement)
            // The reference resampling, then the same (exact) crop and padding.
            let reference = ResampleReference.resampled(image, width: plan.resizeWidth, height: plan.resizeHeight, options: options)
            let referenceImage = try Image(width: plan.resizeWidth, height: plan.resizeHeight, layout: image.layout, pixels: reference.samples)
            let expected = try referenceImage.fitted(plan, position: position, background: background, options: options)
            for build in ResamplerBuild.allCases where build.isAvailable {
                var chosen = options
                chosen.build = build
                let fast = try image.fitted(width: box.0, height: box.1, fit: fit, position: position, background: background,
                                            withoutEnlargement: withoutEnlargement, options: chosen)
                let label = "case \(iteration) (seed \(Self.seed)): \(image.width)x\(image.height) \(image.layout) \(pattern) fit \(fit) \(box) \(position) \(options.kernel) linear \(options.linearLight) premultiply \(options.premultiplyAlpha) \(build)"
                try Self.expectFitClose(fast, expected, reference: reference, plan: plan, position: position, label)
                // The content-aware windows depend on the pixels themselves: only that they run.
                let smart = try image.fitted(width: box.0, height: box.1, fit: fit, position: rng.next() % 2 == 0 ? .entropy : .attention,
                                             background: background, withoutEnlargement: withoutEnlargement, options: chosen)
                #expect(smart.width == plan.outputWidth && smart.height == plan.outputHeight, "\(label) smart")
            }
        }
    }

    /// `thumbnail` (box reduction by the thumbnail's reducing gap, every fit mode) against
    /// the reference without its sharpening, and with it only for size and a clean run.
    @Test(arguments: cases)
    func thumbnailMatchesReference(iteration: Int) throws {
        var rng = SplitMix64(seed: Self.seed ^ 0x7B, stream: UInt64(iteration))
        let (image, pattern) = try AdversarialImage.make(&rng)
        let fit = FitMode.allCases[iteration % FitMode.allCases.count]
        let side = AdversarialImage.targetSide(max(image.width, image.height), &rng)
        var options = ThumbnailOptions(fit: fit, sharpenAmount: 0)
        let random = AdversarialImage.options(&rng)
        options.resize.kernel = random.kernel
        options.resize.linearLight = random.linearLight
        options.resize.premultiplyAlpha = random.premultiplyAlpha
        let plan = try FitPlan.plan(sourceWidth: image.width, sourceHeight: image.height, width: side, height: side, fit: fit)
        let reference = ResampleReference.resampled(image, width: plan.resizeWidth, height: plan.resizeHeight, options: options.resize)
        let referenceImage = try Image(width: plan.resizeWidth, height: plan.resizeHeight, layout: image.layout, pixels: reference.samples)
        let expected = try referenceImage.fitted(plan, position: options.position, background: options.background, options: options.resize)
        for build in ResamplerBuild.allCases where build.isAvailable {
            var chosen = options
            chosen.resize.build = build
            let label = "case \(iteration) (seed \(Self.seed)): \(image.width)x\(image.height) \(image.layout) \(pattern) thumbnail \(side) \(fit) \(options.resize.kernel) linear \(options.resize.linearLight) premultiply \(options.resize.premultiplyAlpha) \(build)"
            let fast = try image.thumbnail(width: side, height: side, options: chosen)
            try Self.expectFitClose(fast, expected, reference: reference, plan: plan, position: options.position, label)
            chosen.sharpenAmount = 0.4
            let sharpened = try image.thumbnail(width: side, height: side, options: chosen)
            #expect(sharpened.width == plan.outputWidth && sharpened.height == plan.outputHeight, "\(label) sharpened")
        }
    }

    // MARK: Comparison

    /// Every sample within one level of the reference, except the colour of pixels whose
    /// reference alpha is ill-conditioned (within 10⁻³ of ½; see `ResampleReference.Result`).
    static func expectClose(_ fast: Image, _ reference: ResampleReference.Result, width: Int, height: Int,
                            layout: PixelLayout, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.width == width && fast.height == height && fast.layout == layout, "\(label)", sourceLocation: sourceLocation)
        guard fast.width == width, fast.height == height, fast.layout == layout else { return }
        let samples = fast.packed().pixels, n = layout.channels, colours = layout.hasAlpha ? n - 1 : n
        var worst = 0, at = 0
        for i in 0..<(width * height) {
            let illConditioned = reference.colourIsIllConditioned(i)
            for c in 0..<n where c == colours || !illConditioned {
                let d = abs(Int(samples[i * n + c]) - Int(reference.samples[i * n + c]))
                if d > worst { worst = d; at = i * n + c }
            }
        }
        #expect(worst <= 1, "\(label): largest difference \(worst) at sample \(at)", sourceLocation: sourceLocation)
    }

    /// As `expectClose`, for a fitted result: the reference alphas are carried through the
    /// plan's crop (padding is exact in both and compared in full).
    static func expectFitClose(_ fast: Image, _ expected: Image, reference: ResampleReference.Result, plan: FitPlan,
                               position: FitPosition, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(fast.width == expected.width && fast.height == expected.height && fast.layout == expected.layout,
                "\(label)", sourceLocation: sourceLocation)
        guard fast.width == expected.width, fast.height == expected.height, fast.layout == expected.layout else { return }
        let a = fast.packed().pixels, b = expected.packed().pixels, n = fast.channels
        let colours = fast.layout.hasAlpha ? n - 1 : n
        let crop = plan.crops ? plan.cropOrigin(position) : (x: 0, y: 0)
        let pad = plan.pads ? plan.padding(position) : (top: 0, left: 0, bottom: 0, right: 0)
        var worst = 0
        for y in 0..<fast.height {
            for x in 0..<fast.width {
                // The pixel of the resampled image this output pixel came from, if any.
                let rx = x - pad.left + crop.x, ry = y - pad.top + crop.y
                let inside = rx >= 0 && ry >= 0 && rx < plan.resizeWidth && ry < plan.resizeHeight
                let illConditioned = inside && reference.colourIsIllConditioned(ry * plan.resizeWidth + rx)
                let i = (y * fast.width + x) * n
                for c in 0..<n where c == colours || !illConditioned {
                    worst = max(worst, abs(Int(a[i + c]) - Int(b[i + c])))
                }
            }
        }
        #expect(worst <= 1, "\(label): largest difference \(worst)", sourceLocation: sourceLocation)
    }
}

/// The random images of the property tests and the draws that go with them.
enum AdversarialImage {
    /// How the alpha plane (or, without alpha, the colour) is drawn.
    enum Pattern: CaseIterable {
        /// Alpha 1–3 in patches beside alpha 0: Lanczos ringing cancels to tiny alphas.
        case tinyBesideZero
        /// Alpha 0 and 255 on either side of a random straight edge.
        case hardEdge
        /// Every sample uniform noise.
        case noise
        /// Random whole rows (and columns) fully transparent, noise elsewhere.
        case transparentRows
        /// A few isolated pixels of alpha 1 in a transparent field.
        case sparseSpecks
        /// Colour and alpha only 0 or 255 (extreme contrast, maximal ringing).
        case extremes
    }

    /// Plain positions (the crop window and the letterbox place depend on geometry only).
    static let plainPositions: [FitPosition] = [.centre, .north, .northeast, .east, .southeast, .south, .southwest, .west, .northwest]

    /// A random image of 1–64 pixels a side, any layout, drawn with a random pattern.
    static func make(_ rng: inout SplitMix64) throws -> (Image, Pattern) {
        let layout = PixelLayout.allCases[Int(rng.next() % 4)]
        let pattern = Pattern.allCases[Int(rng.next() % UInt64(Pattern.allCases.count))]
        let w = 1 + Int(rng.next() % 64), h = 1 + Int(rng.next() % 64), n = layout.channels
        var pixels = [UInt8](repeating: 0, count: w * h * n)
        let edgeX = Double(rng.next() % 1000) / 1000 * Double(w), slope = Double(Int(rng.next() % 200) - 100) / 50
        let transparentRow = (0..<h).map { _ in rng.next() % 3 == 0 }, transparentColumn = (0..<w).map { _ in rng.next() % 5 == 0 }
        for y in 0..<h {
            for x in 0..<w {
                let p = (y * w + x) * n
                for c in 0..<n {
                    let noise = UInt8(truncatingIfNeeded: rng.next())
                    pixels[p + c] = pattern == .extremes ? (noise & 1 == 0 ? 0 : 255) : noise
                }
                guard layout.hasAlpha else { continue }
                let alpha: UInt8
                switch pattern {
                case .tinyBesideZero:
                    let patch = ((x / 3) + (y / 2)) % 2 == 0
                    alpha = patch ? UInt8(1 + rng.next() % 3) : 0
                case .hardEdge:
                    alpha = Double(x) < edgeX + slope * Double(y - h / 2) ? 0 : 255
                case .noise:
                    alpha = UInt8(truncatingIfNeeded: rng.next())
                case .transparentRows:
                    alpha = transparentRow[y] || transparentColumn[x] ? 0 : UInt8(truncatingIfNeeded: rng.next())
                case .sparseSpecks:
                    alpha = rng.next() % 17 == 0 ? 1 : 0
                case .extremes:
                    alpha = rng.next() % 2 == 0 ? 0 : 255
                }
                pixels[p + n - 1] = alpha
            }
        }
        return (try Image(width: w, height: h, layout: layout, pixels: pixels), pattern)
    }

    /// A random output side for an input side: a scale from 1/16× to 8× (log-uniform), at least 1.
    static func targetSide(_ side: Int, _ rng: inout SplitMix64) -> Int {
        let u = Double(rng.next() % 1_000_001) / 1_000_000
        let scale = exp(log(1.0 / 16) + u * (log(8.0) - log(1.0 / 16)))
        return max(1, Int((Double(side) * scale).rounded()))
    }

    /// Random resize options: any kernel, linear or classic, premultiplied or straight.
    static func options(_ rng: inout SplitMix64) -> ResizeOptions {
        ResizeOptions(kernel: ResamplingKernel.allCases[Int(rng.next() % UInt64(ResamplingKernel.allCases.count))],
                      linearLight: rng.next() % 2 == 0, premultiplyAlpha: rng.next() % 2 == 0)
    }
}
