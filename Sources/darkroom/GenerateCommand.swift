import ArgumentParser
import Codecs
import Foundation
import Generation

/// `darkroom generate`: asks the images API (or the offline generator) for images and
/// writes each with a JSON sidecar.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate images with Together AI's images API, or offline.",
        discussion: """
        Every image gets its own request and seed (--seed S gives S, S+1, …; without it a \
        random seed is drawn), and is written as img-<index>-seed<seed>.<ext> (extension from \
        the bytes) with a sidecar <file>.json. The request is checked against the model \
        catalogue (`darkroom models`) before anything is sent. The key comes from \
        TOGETHER_API_KEY or --api-key-file; without a key the offline generator is used. \
        The exit status is non-zero when any image failed.
        """
    )

    @Option(help: "What to draw.")
    var prompt: String

    @Option(help: "Model id (see `darkroom models`).")
    var model: String = "black-forest-labs/FLUX.1-schnell"

    @Option(help: "Width in pixels (multiple of 8; FLUX: 16).")
    var width: Int?

    @Option(help: "Height in pixels (multiple of 8; FLUX: 16).")
    var height: Int?

    @Option(help: "Number of images, 1–4 (one request per image).")
    var n: Int = 1

    @Option(help: "Diffusion steps (range depends on the model).")
    var steps: Int?

    @Option(help: "Seed of the first image; the others get seed+1, seed+2, …")
    var seed: Int?

    @Option(help: "What not to draw (FLUX.1 Schnell, FLUX1.1 pro).")
    var negativePrompt: String?

    @Option(help: "base64 or url (the service's default is url; links are downloaded at once).")
    var responseFormat: String?

    @Option(help: "jpeg or png.")
    var outputFormat: String?

    @Option(help: "Guidance scale (FLUX.2 dev/flex).")
    var guidanceScale: Double?

    @Option(help: "Source image URL to edit (Kontext, FLUX.2 pro/flex).")
    var imageUrl: String?

    @Option(help: "Reference image URL (repeatable; FLUX.2, Google models).")
    var referenceImage: [String] = []

    @Option(help: "LoRA as PATH=SCALE (repeatable, at most 2; LoRA models).")
    var lora: [String] = []

    @Option(help: "Aspect ratio such as 16:9 (Kontext, Schnell).")
    var aspectRatio: String?

    @Flag(help: "Ask the service to skip its safety checker.")
    var disableSafetyChecker = false

    @Flag(help: "Let the service rewrite the prompt (FLUX.2 pro).")
    var promptUpsampling = false

    @Option(help: "Extra request field as KEY=JSON (repeatable), sent as given.")
    var extra: [String] = []

    @Flag(help: "Round width and height to what the model accepts instead of refusing them.")
    var snap = false

    @Option(help: "together or local (default: together when a key is set, else local).")
    var backend: String?

    @Option(help: "Service root (default $TOGETHER_BASE_URL or https://api.together.ai; a trailing /v1 is accepted).")
    var baseUrl: String?

    @Option(help: "File holding the API key (default: $TOGETHER_API_KEY).")
    var apiKeyFile: String?

    @Option(help: "Seconds to wait for each answer (default 300).")
    var timeout: Double = 300

    @Option(help: "Retries on 408/429/5xx and connection errors (default 3).")
    var retries: Int = 3

    @Option(help: "Requests in flight at once (default 4).")
    var concurrency: Int = 4

    @Option(help: "Output folder (created if missing; default: the current folder).")
    var output: String = "."

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @Option(help: "Cache folder (default $XDG_CACHE_HOME/darkroom or ~/.cache/darkroom).")
    var cacheDir: String?

    @Flag(help: "Neither read nor write the request cache.")
    var noCache = false

    @Flag(help: "Ignore cached answers (fresh answers are still stored).")
    var refresh = false

    func validate() throws {
        if let responseFormat, ResponseFormat(rawValue: responseFormat) == nil {
            throw ValidationError("--response-format \(responseFormat) is not base64 or url")
        }
        if let outputFormat, OutputFormat(rawValue: outputFormat) == nil {
            throw ValidationError("--output-format \(outputFormat) is not jpeg or png")
        }
        if let backend, !["together", "local"].contains(backend) {
            throw ValidationError("--backend \(backend) is not together or local")
        }
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if retries < 0 { throw ValidationError("--retries must be 0 or more") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    /// The request the options describe.
    func request() throws -> ImageRequest {
        var request = ImageRequest(model: model, prompt: prompt)
        request.width = width
        request.height = height
        request.n = n
        request.steps = steps
        request.seed = seed
        request.negativePrompt = negativePrompt
        request.responseFormat = responseFormat.flatMap(ResponseFormat.init(rawValue:))
        request.outputFormat = outputFormat.flatMap(OutputFormat.init(rawValue:))
        request.guidanceScale = guidanceScale
        request.imageURL = imageUrl
        request.referenceImages = referenceImage.isEmpty ? nil : referenceImage
        request.aspectRatio = aspectRatio
        request.disableSafetyChecker = disableSafetyChecker ? true : nil
        request.promptUpsampling = promptUpsampling ? true : nil
        if !lora.isEmpty {
            request.imageLoras = try lora.map { text in
                guard let equals = text.lastIndex(of: "="), let scale = Double(text[text.index(after: equals)...]) else {
                    throw ValidationError("--lora \(text) is not PATH=SCALE (e.g. https://…/lora.safetensors=0.8)")
                }
                return ImageLoRA(path: String(text[..<equals]), scale: scale)
            }
        }
        for item in extra {
            guard let equals = item.firstIndex(of: "=") else { throw ValidationError("--extra \(item) is not KEY=JSON") }
            let key = String(item[..<equals]), text = String(item[item.index(after: equals)...])
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                throw ValidationError("--extra \(key): \(text) is not JSON (quote strings: '\(key)=\"text\"')")
            }
            request.extra[key] = value
        }
        return request
    }

    /// The API key from --api-key-file or TOGETHER_API_KEY, if any.
    func apiKey(environment: [String: String]) throws -> String? {
        if let apiKeyFile {
            let text = String(decoding: try AtomicFile.read(apiKeyFile), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw CLIError(subject: apiKeyFile, message: "the API key file is empty") }
            return text
        }
        let key = environment["TOGETHER_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        return key?.isEmpty == false ? key : nil
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var request = try request()
        if snap {
            let (snapped, changes) = request.snapped()
            for change in changes { Diagnostics.note("--snap: \(change)") }
            request = snapped
        }
        // Refuse a bad request before choosing (and announcing) a backend.
        do {
            try request.validate()
        } catch {
            Diagnostics.report(CLIError(subject: "request", message: error.description))
            throw ExitCode.failure
        }
        let key: String?
        do {
            key = try apiKey(environment: environment)
        } catch {
            Diagnostics.report(error)
            throw ExitCode.failure
        }
        let useLocal: Bool
        switch backend {
        case "local": useLocal = true
        case "together":
            guard key != nil else {
                throw ValidationError("--backend together needs an API key: set TOGETHER_API_KEY or pass --api-key-file")
            }
            useLocal = false
        default:
            useLocal = key == nil
            if useLocal {
                Diagnostics.note("no TOGETHER_API_KEY: using the offline generator (procedural images, not a model; --backend local)")
            }
        }
        var client: TogetherClient?
        let generator: any ImageGenerator
        if useLocal {
            generator = OfflineGenerator()
        } else {
            let base = baseUrl ?? environment["TOGETHER_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? TogetherConfiguration.defaultBaseURL
            let made = TogetherClient(configuration: TogetherConfiguration(
                baseURL: base, apiKey: key ?? "", timeout: timeout, retry: RetryPolicy(maxRetries: retries)))
            client = made
            generator = made
        }
        let cache = noCache ? nil : RequestCache(folder: cacheDir.map { URL(fileURLWithPath: $0) } ?? RequestCache.defaultFolder(environment: environment))
        let runner = GenerationRunner(generator: generator, cache: cache, refresh: refresh, maxConcurrentRequests: concurrency)
        let result: (warnings: [String], outcomes: [ImageOutcome])
        do {
            result = try await runner.run(request)
        } catch {
            await client?.shutdown()
            Diagnostics.report(CLIError(subject: "request", message: error.description))
            throw ExitCode.failure
        }
        await client?.shutdown()
        for warning in result.warnings { Diagnostics.note("warning: \(warning)") }
        try AtomicFile.makeFolder(output)
        var failures = 0
        var summary: [JSONValue] = []
        for outcome in result.outcomes {
            switch outcome.result {
            case let .success(image):
                let name = "img-\(image.index)-seed\(image.seed).\(image.format.fileExtension)"
                let path = (output.hasSuffix("/") ? output : output + "/") + name
                do {
                    try AtomicFile.write(image.bytes, to: path)
                    try AtomicFile.write(Self.sidecar(for: image, file: name), to: path + ".json")
                } catch {
                    Diagnostics.report(error)
                    failures += 1
                    continue
                }
                for warning in image.warnings { Diagnostics.note("warning: \(name): \(warning)") }
                if json {
                    summary.append(.object(["index": .number(Double(image.index)), "seed": .number(Double(image.seed)),
                                            "file": .string(path), "format": .string(image.format.rawValue),
                                            "width": .number(Double(image.width)), "height": .number(Double(image.height)),
                                            "cached": .bool(image.fromCache), "warnings": .array(image.warnings.map(JSONValue.string))]))
                } else {
                    print("\(path)  \(image.width)x\(image.height) \(image.format.rawValue)  seed \(image.seed)\(image.fromCache ? "  (cached)" : "")")
                }
            case let .failure(error):
                failures += 1
                Diagnostics.report(CLIError(subject: "image \(outcome.index) (seed \(outcome.seed))", message: error.description))
                if json {
                    summary.append(.object(["index": .number(Double(outcome.index)), "seed": .number(Double(outcome.seed)),
                                            "error": .string(error.description)]))
                }
            }
        }
        if json {
            let object: JSONValue = .object(["backend": .string(generator.name), "images": .array(summary),
                                             "warnings": .array(result.warnings.map(JSONValue.string))])
            print(String(decoding: Self.encode(object, pretty: true), as: UTF8.self))
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// The sidecar of an image: the request as sent, then backend, response id, timings and what came back.
    static func sidecar(for image: GeneratedImage, file: String) -> [UInt8] {
        var object = image.request.jsonObject
        object["backend"] = .string(image.backend)
        object["id"] = image.responseID.map(JSONValue.string) ?? .null
        object["response_model"] = image.responseModel.map(JSONValue.string) ?? .null
        object["timings"] = image.timings ?? .null
        object["file"] = .string(file)
        object["image"] = .object(["format": .string(image.format.rawValue), "width": .number(Double(image.width)),
                                   "height": .number(Double(image.height)), "bytes": .number(Double(image.bytes.count))])
        object["cached"] = .bool(image.fromCache)
        object["warnings"] = .array(image.warnings.map(JSONValue.string))
        return encode(.object(object), pretty: true) + [0x0A]
    }

    static func encode(_ value: JSONValue, pretty: Bool) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? []
    }
}
