import Codecs
import Foundation
import Generation
import Pixels
import Yams

/// Reads a pipeline file and checks all of it before anything runs or is paid for:
/// unknown keys (with "did you mean"), types, ranges, the model catalogue's rules and
/// the sweep size limit. Every error names the file, line and key.
public enum PipelineLoader {
    /// Top-level keys.
    public static let topKeys = ["output", "generate", "sweep", "inputs", "stages"]
    /// Keys of `generate:`.
    public static let generateKeys = ["model", "prompt", "negative_prompt", "width", "height", "aspect_ratio", "steps", "seed",
                                      "guidance_scale", "image_url", "reference_images", "loras", "response_format", "output_format",
                                      "disable_safety_checker", "extra", "backend", "concurrency", "retries", "timeout", "snap"]
    /// Keys of `sweep:`.
    public static let sweepKeys = ["seed", "seeds", "steps", "model", "prompt", "prompts_file", "size", "aspect_ratio", "guidance_scale"]
    /// Stage names.
    public static let stageNames = ["validate", "orient", "to_srgb", "resize", "fit", "thumbnail", "crop", "sharpen", "flatten", "write"]
    static let fitKeys = ["width", "height", "fit", "position", "kernel", "without_enlargement", "linear", "premultiply", "background"]

    /// Loads `path`.
    /// - Parameter maxItems: The largest number of items a sweep may expand to.
    /// - Throws: `PipelineError` naming file, line and key.
    public static func load(_ path: String, maxItems: Int = 10_000) throws(PipelineError) -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, message: "no such file, or not readable") }
        return try parse(String(decoding: data, as: UTF8.self), file: path, maxItems: maxItems)
    }

    /// Parses pipeline text; `file` names it in messages and relative paths start at its folder.
    /// - Throws: `PipelineError`.
    public static func parse(_ text: String, file: String, maxItems: Int = 10_000) throws(PipelineError) -> PipelineDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw PipelineError.missingKey(file: file, line: 1, key: "stages") }
            root = node
        } catch let error as PipelineError { throw error } catch let error as YamlError {
            throw syntax(error, file: file)
        } catch { throw .syntax(file: file, line: 1, column: 1, message: "\(error)") }
        let folder = (file as NSString).deletingLastPathComponent
        let top = try ConfigNode(node: root, file: file, key: "").mapping(allowed: topKeys)
        let output = try top["output"]?.string() ?? "out"
        var items: [WorkItem] = []
        var concurrency = 4
        var backend: String?
        var retries = 3, timeout = 300.0
        if let generate = top["generate"] {
            let g = try generate.mapping(allowed: generateKeys)
            retries = try g["retries"]?.int(0...10) ?? 3
            timeout = try g["timeout"]?.double(1...3600) ?? 300
            if let inputs = top["inputs"] { throw inputs.invalid("inputs", "a pipeline has either generate: or inputs:, not both") }
            (items, concurrency, backend) = try generation(generate, sweep: top["sweep"], folder: folder, maxItems: maxItems)
        } else if let inputs = top["inputs"] {
            if let sweep = top["sweep"] { throw sweep.invalid("sweep", "sweep: needs generate:") }
            items = try inputFiles(inputs, folder: folder)
        } else {
            throw .missingKey(file: file, line: 1, key: "generate or inputs")
        }
        guard let stagesNode = top["stages"] else { throw .missingKey(file: file, line: 1, key: "stages") }
        var stages: [Stage] = []
        for entry in try stagesNode.list() { stages.append(try stage(entry)) }
        if !stages.contains(where: { $0.name == "write" }) {
            throw stagesNode.invalid("no write", "a pipeline needs at least one write stage, or it produces nothing")
        }
        var definition = PipelineDefinition(file: file, output: output.hasPrefix("/") ? output : (folder.isEmpty ? output : folder + "/" + output),
                                            items: items, stages: stages, concurrency: concurrency, backend: backend)
        definition.retries = retries
        definition.timeout = timeout
        return definition
    }

    static func syntax(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return .syntax(file: file, line: mark.line, column: mark.column, message: [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        default: return .syntax(file: file, line: 1, column: 1, message: "\(error)")
        }
    }

    // MARK: Stages

    static func stage(_ entry: ConfigNode) throws(PipelineError) -> Stage {
        let name: String, options: ConfigNode
        if let scalar = entry.node.scalar {
            name = scalar.string
            options = ConfigNode(node: Node("~"), file: entry.file, key: "\(entry.key).\(name)")
        } else if let mapping = entry.node.mapping, mapping.count == 1, let key = mapping.first?.key.string, let value = mapping.first?.value {
            name = key
            options = ConfigNode(node: value, file: entry.file, key: "\(entry.key).\(key)")
        } else {
            throw .wrongType(file: entry.file, line: entry.line, key: entry.key, expected: "a stage name, or one stage name with its options")
        }
        guard stageNames.contains(name) else {
            throw .unknownKey(file: entry.file, line: entry.line, key: "\(entry.key).\(name)", suggestion: ConfigNode.nearest(name, in: stageNames), allowed: stageNames)
        }
        switch name {
        case "orient": _ = try options.mapping(allowed: []); return .item(PixelStage.orient)
        case "to_srgb": _ = try options.mapping(allowed: []); return .item(PixelStage.toSRGB)
        case "validate":
            let m = try options.mapping(allowed: ["multiple", "policy", "background"])
            var multiple: Int? = 8
            if let node = m["multiple"] { multiple = (try? node.choice(["model"])) != nil ? nil : try node.int(1...4096) }
            let policy = try m["policy"]?.choice(["fail", "snap", "crop", "pad", "resize"]) ?? "fail"
            return .item(PixelStage.validate(multiple: multiple, policy: DimensionPolicy(rawValue: policy == "snap" ? "resize" : policy) ?? .fail,
                                             background: try colour(m["background"], .white)))
        case "resize", "fit":
            let m = try options.mapping(allowed: fitKeys)
            let width = try m["width"]?.int(1...16384), height = try m["height"]?.int(1...16384)
            if width == nil && height == nil { throw .missingKey(file: options.file, line: options.line, key: "\(options.key).width or height") }
            return .item(PixelStage.fit(stageName: name, width: width, height: height, mode: try fitMode(m["fit"], .cover),
                                        position: try position(m["position"]), background: try colour(m["background"], .white),
                                        withoutEnlargement: try m["without_enlargement"]?.bool() ?? false, options: try resize(m)))
        case "thumbnail":
            let m = try options.mapping(allowed: ["size", "sharpen"] + fitKeys)
            let size = try m["size"]?.int(1...16384)
            let width = try m["width"]?.int(1...16384) ?? size, height = try m["height"]?.int(1...16384) ?? size
            guard let width, let height else { throw .missingKey(file: options.file, line: options.line, key: "\(options.key).size") }
            var t = ThumbnailOptions(fit: try fitMode(m["fit"], .inside), position: try position(m["position"]),
                                     background: try colour(m["background"], .white),
                                     withoutEnlargement: try m["without_enlargement"]?.bool() ?? false, resize: try resize(m, gap: 2.5))
            if let amount = try m["sharpen"]?.double(0...10) { t.sharpenAmount = amount }
            return .item(PixelStage.thumbnail(width: width, height: height, options: t))
        case "crop":
            let m = try options.mapping(allowed: ["x", "y", "width", "height"])
            guard let w = m["width"], let h = m["height"] else { throw .missingKey(file: options.file, line: options.line, key: "\(options.key).width and height") }
            return .item(PixelStage.crop(x: try m["x"]?.int(0...16384) ?? 0, y: try m["y"]?.int(0...16384) ?? 0,
                                         width: try w.int(1...16384), height: try h.int(1...16384)))
        case "sharpen":
            let m = try options.mapping(allowed: ["amount", "sigma", "threshold"])
            return .item(PixelStage.sharpen(amount: try m["amount"]?.double(0...10) ?? 1, sigma: try m["sigma"]?.double(0.1...20) ?? 1,
                                            threshold: try m["threshold"]?.int(0...255) ?? 0))
        case "flatten":
            let m = try options.mapping(allowed: ["background"])
            return .item(PixelStage.flatten(background: try colour(m["background"], .white)))
        default:
            return .item(try write(options))
        }
    }

    static func write(_ options: ConfigNode) throws(PipelineError) -> WriteStage {
        let m = try options.mapping(allowed: ["format", "name", "quality", "progressive", "chroma", "optimize_coding", "effort", "lossless",
                                              "alpha_quality", "compression_level", "filter", "background", "keep_metadata"])
        var stage = WriteStage()
        if let f = m["format"] {
            let text = try f.choice(["png", "jpeg", "jpg", "webp"])
            stage.format = ImageFormat(name: text)
        }
        let format = stage.format
        func only(_ key: String, _ allowed: [ImageFormat]) throws(PipelineError) -> ConfigNode? {
            guard let node = m[key] else { return nil }
            guard let format, allowed.contains(format) else {
                throw node.invalid(key, "applies only to \(allowed.map(\.displayName).joined(separator: " and ")) writes; set format")
            }
            return node
        }
        if let q = try only("quality", [.jpeg, .webp]) {
            if format == .jpeg { stage.jpeg.quality = try q.int(1...100) } else { stage.webp.quality = Float(try q.int(0...100)) }
        }
        if let n = try only("progressive", [.jpeg]) { stage.jpeg.progressive = try n.bool() }
        if let n = try only("optimize_coding", [.jpeg]) { stage.jpeg.optimizeHuffman = try n.bool() }
        if let n = try only("chroma", [.jpeg]) { stage.jpeg.chromaSubsampling = try n.choice(["420", "444"]) == "444" ? .s444 : .s420 }
        if let n = try only("effort", [.webp]) { stage.webp.effort = try n.int(0...6) }
        if let n = try only("lossless", [.webp]) { stage.webp.lossless = try n.bool() }
        if let n = try only("alpha_quality", [.webp]) { stage.webp.alphaQuality = try n.int(0...100) }
        if let n = try only("compression_level", [.png]) { stage.png.compressionLevel = try n.int(0...9) }
        if let n = try only("filter", [.png]) { stage.png.filter = PNGFilter(rawValue: try n.choice(PNGFilter.allCases.map(\.rawValue))) ?? .adaptive }
        stage.background = try colour(m["background"], .white)
        stage.keepMetadata = try m["keep_metadata"]?.bool() ?? false
        if let n = m["name"] {
            let text = try n.string()
            if let problem = NameTemplate.problem(in: text) { throw n.invalid(text, problem) }
            if let escape = OutputPath.escape(text.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""), in: "/nonexistent") {
                throw n.invalid(text, "\(escape); names stay inside the output folder")
            }
            stage.template = NameTemplate(text)
        }
        return stage
    }

    static func colour(_ node: ConfigNode?, _ fallback: Colour) throws(PipelineError) -> Colour {
        guard let node else { return fallback }
        let text = try node.string()
        guard let c = Colour(parsing: text) else { throw node.invalid(text, "a colour is #rrggbb, #rrggbbaa, rgb(r,g,b) or a name like white") }
        return c
    }

    static func fitMode(_ node: ConfigNode?, _ fallback: FitMode) throws(PipelineError) -> FitMode {
        guard let node else { return fallback }
        return FitMode(rawValue: try node.choice(["cover", "contain", "fill", "inside", "outside"])) ?? fallback
    }

    static func position(_ node: ConfigNode?) throws(PipelineError) -> FitPosition {
        guard let node else { return .centre }
        let text = try node.string()
        guard let p = FitPosition(name: text) else { throw node.invalid(text, "must be centre, north, …, northwest, entropy or attention") }
        return p
    }

    static func resize(_ m: [String: ConfigNode], gap: Double? = nil) throws(PipelineError) -> ResizeOptions {
        var kernel = ResamplingKernel.lanczos3
        if let k = m["kernel"] {
            kernel = ResamplingKernel(rawValue: try k.choice(["nearest", "box", "bilinear", "mitchell", "catrom", "lanczos2", "lanczos3"])) ?? .lanczos3
        }
        return ResizeOptions(kernel: kernel, linearLight: try m["linear"]?.bool() ?? true, premultiplyAlpha: try m["premultiply"]?.bool() ?? true,
                             reducingGap: gap)
    }

    // MARK: Sources

    static func inputFiles(_ node: ConfigNode, folder: String) throws(PipelineError) -> [WorkItem] {
        var items: [WorkItem] = []
        for entry in try node.list() {
            let pattern = try entry.string()
            let full = pattern.hasPrefix("/") || folder.isEmpty ? pattern : folder + "/" + pattern
            let paths = FileGlob.expand(full)
            if paths.isEmpty { throw entry.invalid(pattern, "matches no file") }
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else { throw entry.invalid(path, "cannot be read") }
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let bytes = Array(data)
                if ImageFormat.sniff(bytes) != nil {
                    items.append(WorkItem(name: path, fields: ItemFields(stem: stem, index: items.count), origin: .bytes(bytes)))
                } else if bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "{") {
                    let response: ImagesResponse
                    do { response = try ImagesResponse.parse(bytes) } catch { throw entry.invalid(path, error.description) }
                    for item in response.data {
                        guard let text = item.b64JSON else { throw entry.invalid("\(path)#\(item.index)", "the item holds a URL; fetching links from input files is not supported yet") }
                        guard let image = try? Base64.decode(text) else { throw entry.invalid("\(path)#\(item.index)", "invalid base64") }
                        items.append(WorkItem(name: "\(path)#\(item.index)", fields: ItemFields(stem: "\(stem)-\(item.index)", index: items.count), origin: .bytes(image)))
                    }
                } else {
                    let trimmed = Array(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
                    guard let image = try? Base64.decode(trimmed) else { throw entry.invalid(path, "is neither an image, an images-API response nor base64 text") }
                    items.append(WorkItem(name: path, fields: ItemFields(stem: stem, index: items.count), origin: .bytes(image)))
                }
            }
        }
        return items
    }

    static func generation(_ node: ConfigNode, sweep: ConfigNode?, folder: String, maxItems: Int) throws(PipelineError)
        -> (items: [WorkItem], concurrency: Int, backend: String?) {
        let m = try node.mapping(allowed: generateKeys)
        guard let prompt = m["prompt"] else { throw .missingKey(file: node.file, line: node.line, key: "generate.prompt") }
        var base = ImageRequest(model: try m["model"]?.string() ?? "black-forest-labs/FLUX.1-schnell", prompt: try prompt.string())
        base.negativePrompt = try m["negative_prompt"]?.string()
        base.width = try m["width"]?.int(1...16384)
        base.height = try m["height"]?.int(1...16384)
        base.aspectRatio = try m["aspect_ratio"]?.string()
        base.steps = try m["steps"]?.int(1...1000)
        base.seed = try m["seed"]?.int(ImageRequest.seedRange)
        base.guidanceScale = try m["guidance_scale"]?.double(0...100)
        base.imageURL = try m["image_url"]?.string()
        if let refs = m["reference_images"] { base.referenceImages = try refs.list().map { (n) throws(PipelineError) in try n.string() } }
        if let f = m["response_format"] { base.responseFormat = ResponseFormat(rawValue: try f.choice(["base64", "url"])) }
        if let f = m["output_format"] { base.outputFormat = OutputFormat(rawValue: try f.choice(["jpeg", "png"])) }
        if let d = m["disable_safety_checker"] { base.disableSafetyChecker = try d.bool() }
        if let loras = m["loras"] {
            base.imageLoras = try loras.list().map { (n) throws(PipelineError) in
                let l = try n.mapping(allowed: ["path", "scale"])
                guard let path = l["path"], let scale = l["scale"] else { throw .missingKey(file: n.file, line: n.line, key: "\(n.key).path and scale") }
                return ImageLoRA(path: try path.string(), scale: try scale.double(-10...10))
            }
        }
        if let extra = m["extra"] {
            for (key, value) in try extra.mapping(allowed: extraKeys(extra)) { base.extra[key] = try json(value) }
        }
        let concurrency = try m["concurrency"]?.int(1...64) ?? 4
        let backend = try m["backend"]?.choice(["together", "local"])
        let snap = try m["snap"]?.bool() ?? false
        var requests = [base]
        var s: [String: ConfigNode] = [:]
        if let sweep { s = try sweep.mapping(allowed: sweepKeys) }
        func axis<T>(_ key: String, _ read: (ConfigNode) throws(PipelineError) -> T, _ apply: (inout ImageRequest, T) -> Void) throws(PipelineError) {
            guard let node = s[key] else { return }
            let values = try node.list().map { (n) throws(PipelineError) in try read(n) }
            if values.isEmpty { throw node.invalid("[]", "a sweep list needs at least one value") }
            var next: [ImageRequest] = []
            for r in requests { for v in values { var copy = r; apply(&copy, v); next.append(copy) } }
            requests = next
            if requests.count > maxItems { throw .tooManyItems(file: node.file, count: requests.count, limit: maxItems) }
        }
        try axis("model", { (n) throws(PipelineError) in try n.string() }) { $0.model = $1 }
        try axis("prompt", { (n) throws(PipelineError) in try n.string() }) { $0.prompt = $1 }
        if let file = s["prompts_file"] {
            let path = try file.string()
            let full = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
            guard let data = FileManager.default.contents(atPath: full) else { throw file.invalid(path, "cannot be read") }
            let prompts = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if prompts.isEmpty { throw file.invalid(path, "holds no prompt (one a line)") }
            requests = requests.flatMap { r in prompts.map { var c = r; c.prompt = $0; return c } }
            if requests.count > maxItems { throw .tooManyItems(file: file.file, count: requests.count, limit: maxItems) }
        }
        try axis("size", { (n) throws(PipelineError) in
            let text = try n.string()
            guard let pair = SizeRule.parse(text) else { throw n.invalid(text, "a size is WIDTHxHEIGHT, e.g. 1344x768") }
            return pair
        }) { $0.width = $1.width; $0.height = $1.height }
        try axis("aspect_ratio", { (n) throws(PipelineError) in try n.string() }) { $0.aspectRatio = $1 }
        try axis("steps", { (n) throws(PipelineError) in try n.int(1...1000) }) { $0.steps = $1 }
        try axis("guidance_scale", { (n) throws(PipelineError) in try n.double(0...100) }) { $0.guidanceScale = $1 }
        try axis("seed", { (n) throws(PipelineError) in try n.int(ImageRequest.seedRange) }) { $0.seed = $1 }
        if let seeds = s["seeds"] {
            if s["seed"] != nil { throw seeds.invalid("seeds", "give sweep.seed (a list) or sweep.seeds (a count), not both") }
            let count = try seeds.int(1...maxItems)
            let first = base.seed ?? 0
            requests = requests.flatMap { r in (0..<count).map { var c = r; c.seed = first + $0; return c } }
            if requests.count > maxItems { throw .tooManyItems(file: seeds.file, count: requests.count, limit: maxItems) }
        }
        var items: [WorkItem] = []
        for var request in requests {
            if request.seed == nil { request.seed = 0 }
            if snap { request = request.snapped().request }
            do { try request.validate() } catch {
                let key = error.description.split(separator: ":").first.map(String.init) ?? "generate"
                throw .invalidRequest(file: node.file, line: (m[key] ?? s[key] ?? node).line, key: key, message: error.description)
            }
            let index = items.count
            items.append(WorkItem(name: "item \(index) (seed \(request.seed ?? 0))",
                                  fields: ItemFields(stem: "img-\(index)-seed\(request.seed ?? 0)", index: index, seed: request.seed,
                                                     steps: request.steps, model: request.model, prompt: request.prompt),
                                  origin: .request(request)))
        }
        return (items, concurrency, backend)
    }

    static func extraKeys(_ node: ConfigNode) -> [String] { node.node.mapping?.keys.compactMap(\.string) ?? [] }

    static func json(_ node: ConfigNode) throws(PipelineError) -> JSONValue {
        if let seq = node.node.sequence { return .array(try seq.map { (n) throws(PipelineError) in try json(node.child("[]", n)) }) }
        if let map = node.node.mapping {
            var o: [String: JSONValue] = [:]
            for (k, v) in map { o[k.string ?? ""] = try json(node.child(k.string ?? "", v)) }
            return .object(o)
        }
        if node.isNull { return .null }
        let s = node.node.scalar?.string ?? ""
        if node.node.scalar?.style == .plain {
            if let b = node.node.bool { return .bool(b) }
            if let d = Double(s) { return .number(d) }
        }
        return .string(s)
    }
}
