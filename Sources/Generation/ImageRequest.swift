import Foundation

/// One request to the images API (`POST /v1/images/generations`).
///
/// Every documented field is here; only the fields that are set are encoded, under the
/// API's snake_case keys. Fields the API may grow go in `extra`, encoded beside the
/// others as given.
public struct ImageRequest: Sendable, Equatable, Hashable, Codable {
    /// The model id, e.g. `black-forest-labs/FLUX.1-schnell`.
    public var model: String
    /// What to draw.
    public var prompt: String
    /// Width in pixels (`width`).
    public var width: Int?
    /// Height in pixels (`height`).
    public var height: Int?
    /// How many images (`n`, 1–4).
    public var n: Int?
    /// Diffusion steps (`steps`).
    public var steps: Int?
    /// The seed (`seed`); the same seed and parameters give the same image.
    public var seed: Int?
    /// What not to draw (`negative_prompt`).
    public var negativePrompt: String?
    /// `base64` or `url` (`response_format`).
    public var responseFormat: ResponseFormat?
    /// `jpeg` or `png` (`output_format`).
    public var outputFormat: OutputFormat?
    /// How literally to follow the prompt (`guidance_scale`).
    public var guidanceScale: Double?
    /// A source image to edit (`image_url`).
    public var imageURL: String?
    /// Reference images (`reference_images`).
    public var referenceImages: [String]?
    /// LoRA adapters (`image_loras`).
    public var imageLoras: [ImageLoRA]?
    /// Size by ratio, e.g. `16:9` (`aspect_ratio`).
    public var aspectRatio: String?
    /// Asks the service to skip its safety checker (`disable_safety_checker`).
    public var disableSafetyChecker: Bool?
    /// Lets the service rewrite the prompt (`prompt_upsampling`).
    public var promptUpsampling: Bool?
    /// Further fields sent as given, for parameters Darkroom does not model.
    public var extra: [String: JSONValue]

    /// Creates a request; every optional field starts unset.
    /// - Parameters:
    ///   - model: The model id.
    ///   - prompt: What to draw.
    public init(model: String, prompt: String) {
        self.model = model
        self.prompt = prompt
        self.extra = [:]
    }

    /// The API's name for each modelled field, in the order they are documented.
    public static let fieldNames: [String] = [
        "model", "prompt", "width", "height", "n", "steps", "seed", "negative_prompt", "response_format",
        "output_format", "guidance_scale", "image_url", "reference_images", "image_loras", "aspect_ratio",
        "disable_safety_checker", "prompt_upsampling",
    ]

    /// The API names of the fields that are set (always `model` and `prompt`), then the
    /// `extra` keys in sorted order.
    public var setFields: [String] {
        var names = ["model", "prompt"]
        if width != nil { names.append("width") }
        if height != nil { names.append("height") }
        if n != nil { names.append("n") }
        if steps != nil { names.append("steps") }
        if seed != nil { names.append("seed") }
        if negativePrompt != nil { names.append("negative_prompt") }
        if responseFormat != nil { names.append("response_format") }
        if outputFormat != nil { names.append("output_format") }
        if guidanceScale != nil { names.append("guidance_scale") }
        if imageURL != nil { names.append("image_url") }
        if referenceImages != nil { names.append("reference_images") }
        if imageLoras != nil { names.append("image_loras") }
        if aspectRatio != nil { names.append("aspect_ratio") }
        if disableSafetyChecker != nil { names.append("disable_safety_checker") }
        if promptUpsampling != nil { names.append("prompt_upsampling") }
        return names + extra.keys.sorted()
    }

    /// The request body: compact JSON with sorted keys, so equal requests give equal bytes.
    /// - Throws: `GenerationError.invalidValue` when a number is not finite.
    public func jsonBody() throws(GenerationError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .invalidValue(field: "request", value: model, rule: "every number must be finite (\(error))")
        }
    }

    /// The request as a JSON object (the fields that are set), for sidecars and manifests.
    public var jsonObject: [String: JSONValue] {
        guard let body = try? jsonBody(), let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case let .object(object) = value else { return [:] }
        return object
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the fields that are set under their API names, then `extra`.
    /// - Throws: `EncodingError` for a non-finite number.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (key, value) in extra where !Self.fieldNames.contains(key) {
            try c.encode(value, forKey: Key(key))
        }
        try c.encode(model, forKey: Key("model"))
        try c.encode(prompt, forKey: Key("prompt"))
        try c.encodeIfPresent(width, forKey: Key("width"))
        try c.encodeIfPresent(height, forKey: Key("height"))
        try c.encodeIfPresent(n, forKey: Key("n"))
        try c.encodeIfPresent(steps, forKey: Key("steps"))
        try c.encodeIfPresent(seed, forKey: Key("seed"))
        try c.encodeIfPresent(negativePrompt, forKey: Key("negative_prompt"))
        try c.encodeIfPresent(responseFormat, forKey: Key("response_format"))
        try c.encodeIfPresent(outputFormat, forKey: Key("output_format"))
        try c.encodeIfPresent(guidanceScale, forKey: Key("guidance_scale"))
        try c.encodeIfPresent(imageURL, forKey: Key("image_url"))
        try c.encodeIfPresent(referenceImages, forKey: Key("reference_images"))
        try c.encodeIfPresent(imageLoras, forKey: Key("image_loras"))
        try c.encodeIfPresent(aspectRatio, forKey: Key("aspect_ratio"))
        try c.encodeIfPresent(disableSafetyChecker, forKey: Key("disable_safety_checker"))
        try c.encodeIfPresent(promptUpsampling, forKey: Key("prompt_upsampling"))
    }

    /// Decodes a request body; keys Darkroom does not model land in `extra`.
    /// - Throws: `DecodingError` when `model` or `prompt` is missing or a field has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        model = try c.decode(String.self, forKey: Key("model"))
        prompt = try c.decode(String.self, forKey: Key("prompt"))
        width = try c.decodeIfPresent(Int.self, forKey: Key("width"))
        height = try c.decodeIfPresent(Int.self, forKey: Key("height"))
        n = try c.decodeIfPresent(Int.self, forKey: Key("n"))
        steps = try c.decodeIfPresent(Int.self, forKey: Key("steps"))
        seed = try c.decodeIfPresent(Int.self, forKey: Key("seed"))
        negativePrompt = try c.decodeIfPresent(String.self, forKey: Key("negative_prompt"))
        responseFormat = try c.decodeIfPresent(ResponseFormat.self, forKey: Key("response_format"))
        outputFormat = try c.decodeIfPresent(OutputFormat.self, forKey: Key("output_format"))
        guidanceScale = try c.decodeIfPresent(Double.self, forKey: Key("guidance_scale"))
        imageURL = try c.decodeIfPresent(String.self, forKey: Key("image_url"))
        referenceImages = try c.decodeIfPresent([String].self, forKey: Key("reference_images"))
        imageLoras = try c.decodeIfPresent([ImageLoRA].self, forKey: Key("image_loras"))
        aspectRatio = try c.decodeIfPresent(String.self, forKey: Key("aspect_ratio"))
        disableSafetyChecker = try c.decodeIfPresent(Bool.self, forKey: Key("disable_safety_checker"))
        promptUpsampling = try c.decodeIfPresent(Bool.self, forKey: Key("prompt_upsampling"))
        var extra: [String: JSONValue] = [:]
        for key in c.allKeys where !Self.fieldNames.contains(key.stringValue) {
            extra[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        self.extra = extra
    }
}
