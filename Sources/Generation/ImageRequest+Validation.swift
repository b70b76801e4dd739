import Foundation

extension ImageRequest {
    /// The documented bounds used for every model: `n` 1–4 and steps 1–50.
    public static let documentedCountRange = 1...4
    /// The documented step range, used for models not in the catalogue.
    public static let documentedStepRange = 1...50
    /// The documented size rule: multiples of 8.
    public static let documentedMultiple = 8
    /// The largest side Darkroom sends or accepts (its decoders' limit).
    public static let maxSide = 16384
    /// Seeds are JSON-safe integers, with room for the `n - 1` seeds that follow.
    public static let seedRange = 0...9_007_199_254_740_987

    /// Checks the request against the documented rules and the model's catalogue entry,
    /// before anything is sent or paid for.
    ///
    /// A model that is not in the catalogue is allowed (the service's list changes often):
    /// the result then carries a warning, and only the documented rules are checked
    /// (`n` 1–4, steps 1–50, sizes multiples of 8).
    /// - Parameter catalogue: The models Darkroom knows.
    /// - Returns: Warnings that do not stop the request.
    /// - Throws: `GenerationError` naming the field, its value and the rule it breaks.
    @discardableResult
    public func validate(against catalogue: ModelCatalogue = .bundled) throws(GenerationError) -> [String] {
        var warnings: [String] = []
        if model.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidValue(field: "model", value: "\"\"", rule: "a model id is required (see `darkroom models`)")
        }
        if prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidValue(field: "prompt", value: "\"\"", rule: "a prompt is required")
        }
        for key in extra.keys.sorted() where Self.fieldNames.contains(key) {
            throw .invalidValue(field: key, value: "extra field", rule: "\(key) is a modelled field; set it directly, not through the extra fields")
        }
        let info = catalogue.model(model)
        if let info {
            for field in setFields where !info.accepts(field) && !extra.keys.contains(field) {
                throw .unsupportedParameter(model: model, parameter: field, accepted: info.parameters)
            }
            if info.status == "retired" {
                warnings.append("model \(model) is marked retired in Darkroom's catalogue; the service may answer 404")
            }
        } else {
            warnings.append("model \(model) is not in Darkroom's catalogue: only the documented rules were checked (n 1–4, steps 1–50, sizes multiples of 8)")
        }
        if let n, !Self.documentedCountRange.contains(n) {
            throw .invalidValue(field: "n", value: String(n), rule: "n must be 1–4 (each image is billed)")
        }
        if let seed, !Self.seedRange.contains(seed) {
            throw .invalidValue(field: "seed", value: String(seed), rule: "seeds must be 0–\(Self.seedRange.upperBound)")
        }
        if let steps {
            let range = info?.steps.map { $0.min...$0.max } ?? Self.documentedStepRange
            if !range.contains(steps) {
                throw .invalidValue(field: "steps", value: String(steps), rule: "steps must be \(range.lowerBound)–\(range.upperBound) for \(model)")
            }
        }
        let multiple = max(Self.documentedMultiple, info?.size.multiple ?? Self.documentedMultiple)
        for (field, value) in [("width", width), ("height", height)] {
            guard let value else { continue }
            if value <= 0 || value > Self.maxSide {
                throw .invalidValue(field: field, value: String(value), rule: "sizes must be 1–\(Self.maxSide)")
            }
            if value % Self.documentedMultiple != 0 {
                throw .invalidValue(field: field, value: String(value), rule: "sizes must be multiples of 8 (nearest: \(Self.nearestMultiples(value, Self.documentedMultiple))); --snap rounds them")
            }
            if value % multiple != 0 {
                throw .invalidValue(field: field, value: String(value), rule: "\(model) works in multiples of \(multiple) and would silently round (nearest: \(Self.nearestMultiples(value, multiple))); --snap rounds them")
            }
        }
        if let info, let sizes = info.size.sizes, width != nil || height != nil {
            let w = width ?? info.size.defaultPair.width, h = height ?? info.size.defaultPair.height
            if !info.size.sizePairs.contains(where: { $0.width == w && $0.height == h }) {
                throw .sizeNotAllowed(model: model, width: w, height: h, allowed: sizes)
            }
        }
        if let aspectRatio, let ratios = info?.size.aspectRatios, !ratios.contains(aspectRatio) {
            throw .invalidValue(field: "aspect_ratio", value: aspectRatio, rule: "\(model) takes \(ratios.joined(separator: ", "))")
        }
        if let guidanceScale, !guidanceScale.isFinite || guidanceScale < 0 {
            throw .invalidValue(field: "guidance_scale", value: String(guidanceScale), rule: "must be a finite number ≥ 0 (1–5 freer, 8–10 more literal)")
        }
        if let imageLoras {
            if imageLoras.count > 2 {
                throw .invalidValue(field: "image_loras", value: "\(imageLoras.count) LoRAs", rule: "at most 2 LoRAs")
            }
            for lora in imageLoras where !lora.scale.isFinite || lora.path.isEmpty {
                throw .invalidValue(field: "image_loras", value: "\(lora.path) × \(lora.scale)", rule: "each LoRA needs a path and a finite scale")
            }
        }
        for (field, url) in [("image_url", imageURL)] + (referenceImages ?? []).map({ ("reference_images", Optional($0)) }) {
            guard let url else { continue }
            if !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("data:")) {
                throw .invalidValue(field: field, value: url, rule: "must be an http(s) URL or a data: URI the service can fetch")
            }
        }
        return warnings
    }

    /// The request with its size moved to what the model accepts: width and height rounded
    /// to the nearest multiple of the model's multiple (at least 8; halfway rounds down, as FLUX does), or, for models with a fixed size list, the
    /// allowed size nearest in aspect ratio and then in area.
    /// - Parameter catalogue: The models Darkroom knows.
    /// - Returns: The adjusted request and one line per change made.
    public func snapped(to catalogue: ModelCatalogue = .bundled) -> (request: ImageRequest, changes: [String]) {
        var copy = self
        var changes: [String] = []
        let info = catalogue.model(model)
        if let info, !info.size.sizePairs.isEmpty, width != nil || height != nil {
            let w = width ?? info.size.defaultPair.width, h = height ?? info.size.defaultPair.height
            let ratio = Double(w) / Double(h)
            let best = info.size.sizePairs.min { a, b in
                let ra = abs(log(Double(a.width) / Double(a.height) / ratio)), rb = abs(log(Double(b.width) / Double(b.height) / ratio))
                if abs(ra - rb) > 1e-9 { return ra < rb }
                return abs(a.width * a.height - w * h) < abs(b.width * b.height - w * h)
            }
            if let best, best.width != w || best.height != h {
                copy.width = best.width
                copy.height = best.height
                changes.append("size \(w)x\(h) → \(best.width)x\(best.height) (nearest size \(model) accepts)")
            }
            return (copy, changes)
        }
        let multiple = max(Self.documentedMultiple, info?.size.multiple ?? Self.documentedMultiple)
        // Sizes outside 1–maxSide are left for `validate` to refuse.
        if let width, (1...Self.maxSide).contains(width), width % multiple != 0 {
            copy.width = Self.roundToMultiple(width, multiple)
            changes.append("width \(width) → \(copy.width ?? width) (multiple of \(multiple))")
        }
        if let height, (1...Self.maxSide).contains(height), height % multiple != 0 {
            copy.height = Self.roundToMultiple(height, multiple)
            changes.append("height \(height) → \(copy.height ?? height) (multiple of \(multiple))")
        }
        return (copy, changes)
    }

    static func roundToMultiple(_ value: Int, _ multiple: Int) -> Int {
        max(multiple, ((value + (multiple - 1) / 2) / multiple) * multiple)
    }

    static func nearestMultiples(_ value: Int, _ multiple: Int) -> String {
        let down = (value / multiple) * multiple
        return down > 0 ? "\(down) or \(down + multiple)" : "\(multiple)"
    }
}
