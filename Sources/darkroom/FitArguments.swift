import ArgumentParser
import Pixels

/// The resize and fit options `convert` and `thumbnail` share (sharp's names).
struct FitArguments: ParsableArguments {
    @Option(help: "How to fit the box: cover (crop to fill), contain (letterbox with --background), fill (stretch), inside (fit within), outside (cover, no crop).")
    var fit: String?

    @Option(help: "What cover keeps / where contain places the image: centre, north, northeast, east, southeast, south, southwest, west, northwest, entropy, attention (also sharp's top, right-bottom, …).")
    var position: String?

    @Option(help: "Resampling filter: nearest, box, bilinear, mitchell, catrom, lanczos2, lanczos3 (default).")
    var kernel: String?

    @Flag(help: "Resample gamma-encoded values instead of linear light (the classic result of most tools).")
    var noLinear = false

    @Flag(help: "Resample alpha images without premultiplying (colour of transparent pixels may bleed).")
    var noPremultiply = false

    @Flag(help: "Never enlarge: keep the source size where the box is larger.")
    var withoutEnlargement = false

    @Flag(help: "Convert from the embedded ICC profile to sRGB and drop the profile (images without one are sRGB already).")
    var toSrgb = false

    /// Whether any of the fit-specific options was given (they need a box).
    var givesFitOptions: Bool { fit != nil || position != nil || kernel != nil || noLinear || noPremultiply || withoutEnlargement }

    func validate() throws {
        if let fit, FitMode(rawValue: fit) == nil {
            throw ValidationError("--fit \(fit) is not one of cover, contain, fill, inside, outside")
        }
        if let position, FitPosition(name: position) == nil {
            throw ValidationError("--position \(position) is not one of centre, north, northeast, east, southeast, south, southwest, west, northwest, entropy, attention")
        }
        if let kernel, ResamplingKernel(rawValue: kernel) == nil {
            throw ValidationError("--kernel \(kernel) is not one of nearest, box, bilinear, mitchell, catrom, lanczos2, lanczos3")
        }
    }

    /// The fit mode, or `defaultMode` when not given.
    func mode(default defaultMode: FitMode) -> FitMode { fit.flatMap(FitMode.init(rawValue:)) ?? defaultMode }

    /// The position (centre when not given).
    var fitPosition: FitPosition { position.flatMap(FitPosition.init(name:)) ?? .centre }

    /// The resampling options the flags describe.
    func resizeOptions(reducingGap: Double? = nil) -> ResizeOptions {
        ResizeOptions(kernel: kernel.flatMap(ResamplingKernel.init(rawValue:)) ?? .lanczos3,
                      linearLight: !noLinear, premultiplyAlpha: !noPremultiply, reducingGap: reducingGap)
    }
}
