import Foundation
import Generation
import Testing

/// The request model's JSON and the catalogue-driven validation.
@Suite struct RequestAndCatalogueTests {
    static let catalogue = ModelCatalogue.bundled

    @Test func encodesOnlySetFieldsWithSnakeCaseKeys() throws {
        var request = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "a lighthouse at dusk")
        request.width = 1024
        request.negativePrompt = "fog"
        request.responseFormat = .base64
        request.imageLoras = [ImageLoRA(path: "https://example.com/l.safetensors", scale: 0.8)]
        request.extra["frame_images"] = .array([.string("x")])
        let body = String(decoding: try request.jsonBody(), as: UTF8.self)
        #expect(body == #"{"frame_images":["x"],"image_loras":[{"path":"https://example.com/l.safetensors","scale":0.8}],"model":"black-forest-labs/FLUX.1-schnell","negative_prompt":"fog","prompt":"a lighthouse at dusk","response_format":"base64","width":1024}"#)
        #expect(request.setFields == ["model", "prompt", "width", "negative_prompt", "response_format", "image_loras", "frame_images"])
        let decoded = try JSONDecoder().decode(ImageRequest.self, from: Data(try request.jsonBody()))
        #expect(decoded == request)
    }

    @Test func everyFieldRoundTrips() throws {
        var request = ImageRequest(model: "m", prompt: "p")
        request.width = 512; request.height = 768; request.n = 2; request.steps = 9; request.seed = 42
        request.negativePrompt = "n"; request.responseFormat = .url; request.outputFormat = .png
        request.guidanceScale = 3.5; request.imageURL = "https://x/y.png"; request.referenceImages = ["https://x/r.png"]
        request.imageLoras = [ImageLoRA(path: "p", scale: 1)]; request.aspectRatio = "16:9"
        request.disableSafetyChecker = true; request.promptUpsampling = false
        let object = request.jsonObject
        #expect(Set(object.keys) == Set(ImageRequest.fieldNames))
        #expect(object["output_format"] == .string("png"))
        #expect(object["guidance_scale"] == .number(3.5))
        #expect(try JSONDecoder().decode(ImageRequest.self, from: Data(try request.jsonBody())) == request)
    }

    @Test func catalogueHoldsTheReferenceModels() throws {
        let ids = Set(Self.catalogue.models.map(\.id))
        for id in ["black-forest-labs/FLUX.1-schnell", "black-forest-labs/FLUX.1-kontext-pro", "black-forest-labs/FLUX.2-dev",
                   "black-forest-labs/FLUX.2-pro", "black-forest-labs/FLUX.1.1-pro", "google/gemini-3-pro-image", "google/flash-image-2.5"] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(ids.count == Self.catalogue.models.count, "ids are unique")
        let known = Set(ImageRequest.fieldNames)
        for model in Self.catalogue.models {
            for parameter in model.parameters { #expect(known.contains(parameter), "\(model.id): \(parameter)") }
            if let steps = model.steps { #expect(steps.min <= steps.default && steps.default <= steps.max, "\(model.id)") }
            #expect(model.size.multiple % 8 == 0, "\(model.id)")
            #expect(model.partnerHosted == (model.pricing == .perImage), "\(model.id)")
        }
        #expect(Self.catalogue.model("black-forest-labs/FLUX.1-schnell")?.steps?.default == 4)
        #expect(Self.catalogue.model("black-forest-labs/FLUX.1-kontext-max")?.steps?.default == 28)
        #expect(Self.catalogue.model("google/gemini-3-pro-image")?.size.sizes?.count == 30)
        // The JSON form decodes back to the same catalogue.
        #expect(try ModelCatalogue.decode(Self.catalogue.jsonBytes()) == Self.catalogue)
    }

    /// A value for each optional field, used to probe every model.
    static func setting(_ field: String, on request: inout ImageRequest) {
        switch field {
        case "width": request.width = 1024
        case "height": request.height = 1024
        case "steps": request.steps = 4
        case "negative_prompt": request.negativePrompt = "blur"
        case "guidance_scale": request.guidanceScale = 3.5
        case "image_url": request.imageURL = "https://example.com/a.png"
        case "reference_images": request.referenceImages = ["https://example.com/a.png"]
        case "image_loras": request.imageLoras = [ImageLoRA(path: "https://example.com/l.safetensors", scale: 0.8)]
        case "aspect_ratio": request.aspectRatio = "1:1"
        case "prompt_upsampling": request.promptUpsampling = true
        default: break
        }
    }

    static let optionalFields = ["width", "height", "steps", "negative_prompt", "guidance_scale", "image_url",
                                 "reference_images", "image_loras", "aspect_ratio", "prompt_upsampling"]

    @Test(arguments: ModelCatalogue.bundled.models)
    func validationFollowsTheCatalogue(model: ModelInfo) throws {
        for field in Self.optionalFields {
            var request = ImageRequest(model: model.id, prompt: "a lighthouse")
            Self.setting(field, on: &request)
            if model.accepts(field) {
                // Gemini 3 Pro Image's fixed list holds 1024x1024, so a single side is fine there too.
                #expect(throws: Never.self, "\(model.id) \(field)") { try request.validate(against: Self.catalogue) }
            } else {
                #expect(throws: GenerationError.unsupportedParameter(model: model.id, parameter: field, accepted: model.parameters)) {
                    try request.validate(against: Self.catalogue)
                }
            }
        }
        // The parameters every model takes.
        var request = ImageRequest(model: model.id, prompt: "a lighthouse")
        request.n = 4; request.seed = 1; request.responseFormat = .base64; request.outputFormat = .png; request.disableSafetyChecker = true
        #expect(throws: Never.self) { try request.validate(against: Self.catalogue) }
        if let steps = model.steps {
            request.steps = steps.max + 1
            #expect(throws: GenerationError.self) { try request.validate(against: Self.catalogue) }
        }
    }

    @Test func namedRefusals() throws {
        var flux2 = ImageRequest(model: "black-forest-labs/FLUX.2-dev", prompt: "x")
        flux2.imageURL = "https://example.com/a.png"
        let error = try #require(throws: GenerationError.self) { try flux2.validate() }
        #expect(error.description.contains("image_url") && error.description.contains("FLUX.2-dev"))

        var kontext = ImageRequest(model: "black-forest-labs/FLUX.1-kontext-pro", prompt: "x")
        kontext.referenceImages = ["https://example.com/a.png"]
        #expect(throws: GenerationError.unsupportedParameter(model: kontext.model, parameter: "reference_images", accepted: ["steps", "image_url", "aspect_ratio"])) { try kontext.validate() }
        kontext.referenceImages = nil
        kontext.aspectRatio = "5:1"
        #expect(throws: GenerationError.self) { try kontext.validate() }

        var schnell = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "x")
        for n in [0, 5] {
            schnell.n = n
            #expect(throws: GenerationError.invalidValue(field: "n", value: String(n), rule: "n must be 1–4 (each image is billed)")) { try schnell.validate() }
        }
        schnell.n = 1
        schnell.steps = 51
        let steps = try #require(throws: GenerationError.self) { try schnell.validate() }
        #expect(steps.description.contains("steps: 51") && steps.description.contains("1–50"))
        schnell.steps = 4
        schnell.width = 1020
        let eight = try #require(throws: GenerationError.self) { try schnell.validate() }
        #expect(eight.description.contains("width: 1020") && eight.description.contains("multiples of 8") && eight.description.contains("1016 or 1024"))
        schnell.width = 1080
        let sixteen = try #require(throws: GenerationError.self) { try schnell.validate() }
        #expect(sixteen.description.contains("width: 1080") && sixteen.description.contains("multiples of 16"))

        var gemini = ImageRequest(model: "google/gemini-3-pro-image", prompt: "x")
        gemini.width = 1024; gemini.height = 768
        #expect(throws: GenerationError.self) { try gemini.validate() }
        gemini.width = 2496; gemini.height = 1664
        #expect(throws: Never.self) { try gemini.validate() }

        #expect(throws: GenerationError.self) { try ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "  ").validate() }
        var extreme = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "x")
        extreme.seed = Int.max
        #expect(throws: GenerationError.self) { try extreme.validate() }
        extreme.seed = -1
        #expect(throws: GenerationError.self) { try extreme.validate() }
        extreme.seed = 0
        extreme.width = Int.max
        #expect(extreme.snapped().changes.isEmpty)
        #expect(throws: GenerationError.self) { try extreme.validate() }
        extreme.width = 32768
        #expect(throws: GenerationError.self) { try extreme.validate() }
        var clash = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "x")
        clash.extra["seed"] = .number(1)
        #expect(throws: GenerationError.self) { try clash.validate() }
    }

    @Test func unknownModelsPassWithAWarning() throws {
        var request = ImageRequest(model: "acme/new-model-2027", prompt: "x")
        request.imageURL = "https://example.com/a.png"
        request.width = 1000
        let warnings = try request.validate()
        #expect(warnings.count == 1 && warnings[0].contains("acme/new-model-2027") && warnings[0].contains("not in Darkroom's catalogue"))
        request.width = 1001
        #expect(throws: GenerationError.self) { try request.validate() }
        request.width = 1000
        request.steps = 60
        #expect(throws: GenerationError.self) { try request.validate() }
    }

    @Test func snapRoundsToTheModelsRule() throws {
        var request = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "x")
        request.width = 1080; request.height = 1020
        let (snapped, changes) = request.snapped()
        #expect(snapped.width == 1072 && snapped.height == 1024)
        #expect(changes == ["width 1080 → 1072 (multiple of 16)", "height 1020 → 1024 (multiple of 16)"])
        #expect(throws: Never.self) { try snapped.validate() }

        var gemini = ImageRequest(model: "google/gemini-3-pro-image", prompt: "x")
        gemini.width = 1920; gemini.height = 1080
        let (fixed, notes) = gemini.snapped()
        #expect(fixed.width == 1344 && fixed.height == 768)
        #expect(notes.count == 1)
        #expect(throws: Never.self) { try fixed.validate() }

        var fine = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: "x")
        fine.width = 1024
        #expect(fine.snapped().changes.isEmpty)
    }
}
