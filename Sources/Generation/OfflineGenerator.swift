import Codecs
import Foundation
import Pixels

/// The offline backend: renders deterministic pictures from prompt, seed, steps and size
/// on this machine, and answers with the images API's own JSON (base64 items), so the
/// rest of Darkroom runs exactly as with the service. It is not a model and says so: the
/// answer's `model` is `darkroom/offline` and its id starts with `offline-`.
public struct OfflineGenerator: ImageGenerator {
    /// The `model` field of every offline answer.
    public static let modelName = "darkroom/offline"
    /// The sizes used for aspect ratios (the documented common sizes).
    public static let aspectRatioSizes: [String: (width: Int, height: Int)] = [
        "1:1": (1024, 1024), "16:9": (1344, 768), "9:16": (768, 1344), "4:3": (1184, 864),
        "3:4": (864, 1184), "3:2": (1248, 832), "2:3": (832, 1248),
    ]

    /// `local`.
    public var name: String { "local" }
    /// `nil`: offline images are cheap to render again, so they are not cached.
    public var cacheScope: String? { nil }
    /// The catalogue used for per-model default steps and sizes.
    public var catalogue: ModelCatalogue

    /// Creates the offline generator.
    /// - Parameter catalogue: Where default steps and sizes come from.
    public init(catalogue: ModelCatalogue = .bundled) {
        self.catalogue = catalogue
    }

    /// The size the offline generator renders for a request: its width and height, else
    /// its aspect ratio's common size, else the model's default size.
    public func renderSize(for request: ImageRequest) -> (width: Int, height: Int) {
        let info = catalogue.model(request.model)
        let fallback = request.aspectRatio.flatMap { Self.aspectRatioSizes[$0] } ?? info?.size.defaultPair ?? (1024, 1024)
        return (request.width ?? fallback.width, request.height ?? fallback.height)
    }

    /// The step count used for a request: its own, else the model's default, else 20.
    public func renderSteps(for request: ImageRequest) -> Int {
        request.steps ?? catalogue.model(request.model)?.steps?.default ?? 20
    }

    /// Renders `n` images (seeds `seed`, `seed + 1`, …; seed 0 when unset) and answers
    /// with an images-API body holding them as base64 in the requested `output_format`
    /// (PNG by default). The response format is always base64.
    /// - Throws: `GenerationError.invalidValue` for an impossible size or count.
    public func send(_ request: ImageRequest) async throws(GenerationError) -> [UInt8] {
        let count = request.n ?? 1
        guard (1...16).contains(count) else {
            throw .invalidValue(field: "n", value: String(count), rule: "n must be 1–4")
        }
        let size = renderSize(for: request)
        let steps = renderSteps(for: request)
        let baseSeed = request.seed ?? 0
        var items: [ImagesResponse.Item] = []
        for index in 0..<count {
            let started = ContinuousClock.now
            let image = try OfflineRenderer.render(prompt: request.prompt, seed: baseSeed &+ index, steps: steps,
                                                   width: size.width, height: size.height)
            let settings: EncodeSettings = request.outputFormat == .jpeg ? .jpeg(JPEGEncodeOptions(quality: 90)) : .png(PNGEncodeOptions())
            let bytes: [UInt8]
            do {
                bytes = try ImageEncoder.encode(image, as: settings)
            } catch {
                throw .malformedResponse(message: "offline encoding failed: \(error)")
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            items.append(ImagesResponse.Item(index: index, b64JSON: Base64.encode(bytes), type: "b64_json",
                                             timings: .object(["inference": .number((seconds * 1000).rounded() / 1000)])))
        }
        var hasher = SHA256()
        hasher.update(data: (try? request.jsonBody()) ?? [])
        let id = "offline-" + hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        return ImagesResponse(id: id, model: Self.modelName, object: "list", data: items).jsonBytes()
    }

    /// Always fails: offline answers hold no links.
    /// - Throws: `GenerationError.downloadFailed`.
    public func download(_ url: String) async throws(GenerationError) -> [UInt8] {
        throw .downloadFailed(url: url, message: "the offline generator does not download")
    }
}
