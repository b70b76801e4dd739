import Foundation

/// The image models Darkroom knows, loaded from the bundled `models.json` (the catalogue
/// changes often, so it is data, not code).
public struct ModelCatalogue: Sendable, Equatable, Codable {
    /// The models, in catalogue order.
    public var models: [ModelInfo]

    /// Creates a catalogue from a list of models.
    public init(models: [ModelInfo]) {
        self.models = models
    }

    /// The catalogue shipped with Darkroom (empty only if the bundled file is unreadable,
    /// which the tests rule out).
    public static let bundled: ModelCatalogue = (try? load()) ?? ModelCatalogue(models: [])

    /// Loads the bundled `models.json`.
    /// - Throws: `GenerationError.malformedResponse` when the resource is missing or not a catalogue.
    public static func load() throws(GenerationError) -> ModelCatalogue {
        guard let url = Bundle.module.url(forResource: "models", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .malformedResponse(message: "the bundled models.json is missing")
        }
        return try decode(Array(data))
    }

    /// Decodes a catalogue from JSON bytes (`{"models":[…]}`).
    /// - Throws: `GenerationError.malformedResponse` naming what is wrong.
    public static func decode(_ bytes: [UInt8]) throws(GenerationError) -> ModelCatalogue {
        do {
            return try JSONDecoder().decode(ModelCatalogue.self, from: Data(bytes))
        } catch {
            throw .malformedResponse(message: "models.json: \(error)")
        }
    }

    /// The model with this exact id, if catalogued.
    public func model(_ id: String) -> ModelInfo? {
        models.first { $0.id == id }
    }

    /// The catalogue as pretty JSON with sorted keys.
    public func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map(Array.init) ?? Array("{\"models\":[]}".utf8)
    }
}
