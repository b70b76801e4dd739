import Codecs
import Foundation

/// Turns one user request into finished images: validates it, fans `n` out into one
/// request per seed (`seed`, `seed + 1`, …, each with `n` = 1; a random seed is drawn
/// when none is given, so every image has a known seed), sends them a few at a time,
/// consults the request cache, and reads every answer through the same path (base64
/// or link, format sniffed from the bytes, decoded, size checked).
public struct GenerationRunner: Sendable {
    /// Where requests go.
    public var generator: any ImageGenerator
    /// The models known for validation.
    public var catalogue: ModelCatalogue
    /// The request cache, or `nil` for none.
    public var cache: RequestCache?
    /// Ignore cached answers (still store fresh ones).
    public var refresh: Bool
    /// How many requests are in flight at once (at least 1).
    public var maxConcurrentRequests: Int

    /// Creates a runner.
    /// - Parameters:
    ///   - generator: The backend.
    ///   - catalogue: The models known.
    ///   - cache: The cache, if any (used only for backends with a `cacheScope`).
    ///   - refresh: Whether to skip cached answers.
    ///   - maxConcurrentRequests: Requests in flight at once (default 4).
    public init(generator: any ImageGenerator, catalogue: ModelCatalogue = .bundled, cache: RequestCache? = nil,
                refresh: Bool = false, maxConcurrentRequests: Int = 4) {
        self.generator = generator
        self.catalogue = catalogue
        self.cache = cache
        self.refresh = refresh
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }

    /// The per-image requests for `request`: validated, one per seed with `n` = 1.
    /// - Parameter request: What the user asked for.
    /// - Returns: The requests and the validation warnings.
    /// - Throws: `GenerationError` when validation refuses the request.
    public func plan(_ request: ImageRequest) throws(GenerationError) -> (requests: [ImageRequest], warnings: [String]) {
        let warnings = try request.validate(against: catalogue)
        let count = request.n ?? 1
        let base = request.seed ?? Int.random(in: 0...Int(Int32.max) - 4)  // validated: base + 3 cannot overflow
        let requests = (0..<count).map { offset -> ImageRequest in
            var single = request
            single.n = 1
            single.seed = base + offset
            return single
        }
        return (requests, warnings)
    }

    /// Generates every image of `request`.
    /// - Parameter request: What the user asked for.
    /// - Returns: Validation warnings and one outcome per image, in order; a failure of
    ///   one image (e.g. a safety refusal) does not stop the others.
    /// - Throws: `GenerationError` when validation refuses the request (nothing was sent).
    public func run(_ request: ImageRequest) async throws(GenerationError) -> (warnings: [String], outcomes: [ImageOutcome]) {
        let (requests, warnings) = try plan(request)
        var outcomes = [ImageOutcome?](repeating: nil, count: requests.count)
        await withTaskGroup(of: ImageOutcome.self) { group in
            var next = 0
            func add() {
                let index = next, single = requests[index]
                next += 1
                group.addTask {
                    let seed = single.seed ?? 0
                    do throws(GenerationError) {
                        return ImageOutcome(index: index, seed: seed, result: .success(try await self.one(single, index: index)))
                    } catch {
                        return ImageOutcome(index: index, seed: seed, result: .failure(error))
                    }
                }
            }
            while next < min(maxConcurrentRequests, requests.count) { add() }
            for await outcome in group {
                outcomes[outcome.index] = outcome
                if next < requests.count { add() }
            }
        }
        return (warnings, outcomes.compactMap { $0 })
    }

    /// Sends (or finds in the cache) one single-image request and reads its answer.
    /// - Throws: `GenerationError`.
    public func one(_ request: ImageRequest, index: Int) async throws(GenerationError) -> GeneratedImage {
        let key = generator.cacheScope.map { RequestCache.key(for: request, scope: $0) }
        var response: ImagesResponse?
        var fromCache = false
        if let cache, let key, !refresh, let cached = cache.load(key: key) {
            response = cached
            fromCache = true
        }
        if response == nil {
            let body = try await generator.send(request)
            var fresh = try ImagesResponse.parse(body)
            for position in fresh.data.indices where fresh.data[position].b64JSON == nil {
                if let url = fresh.data[position].url {
                    let bytes = try await generator.download(url)
                    fresh.data[position].b64JSON = Base64.encode(bytes)
                    fresh.data[position].type = "b64_json"
                }
            }
            if let cache, let key { cache.store(fresh, key: key) }
            response = fresh
        }
        guard let response, let item = response.data.first, let text = item.b64JSON else {
            throw .malformedResponse(message: "the answer holds no images")
        }
        var warnings: [String] = []
        if response.data.count > 1 {
            warnings.append("the answer held \(response.data.count) images for n = 1; the first was kept")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base64.decode(text)
        } catch {
            throw .malformedResponse(message: "item \(item.index): invalid base64: \(error)")
        }
        guard let format = ImageFormat.sniff(bytes) else {
            let head = bytes.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw .malformedResponse(message: "item \(item.index): the \(bytes.count) bytes are not an image (they start \(head))")
        }
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes)
        } catch {
            throw .malformedResponse(message: "item \(item.index): the \(format.rawValue) image does not decode: \(error)")
        }
        let width = decoded.image.width, height = decoded.image.height
        if let w = request.width, let h = request.height, w != width || h != height {
            let multiple = catalogue.model(request.model)?.size.multiple
            let hint = multiple.map { " (\(request.model) works in multiples of \($0))" } ?? ""
            warnings.append("asked for \(w)x\(h), got \(width)x\(height)\(hint)")
        }
        if let wanted = request.outputFormat, wanted.rawValue != format.rawValue {
            warnings.append("asked for \(wanted.rawValue), got \(format.rawValue)")
        }
        return GeneratedImage(index: index, seed: request.seed ?? 0, request: request, bytes: bytes, format: format,
                              width: width, height: height, backend: generator.name, responseID: response.id,
                              responseModel: response.model, timings: item.timings, fromCache: fromCache, warnings: warnings)
    }
}
