import ArgumentParser
import Generation

/// `darkroom models`: the model catalogue, as a table or JSON.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the image models Darkroom knows and which parameters each takes.",
        discussion: """
        Every model takes prompt, n, seed, response_format, output_format and \
        disable_safety_checker; the table lists the other parameters. The catalogue is data \
        (Sources/Generation/Resources/models.json); the service's list changes often.
        """
    )

    @Flag(help: "Print the catalogue as JSON.")
    var json = false

    func run() throws {
        let catalogue = ModelCatalogue.bundled
        if json {
            print(String(decoding: catalogue.jsonBytes(), as: UTF8.self))
            return
        }
        let header = ["model", "family", "parameters", "steps", "size", "hosting", "pricing", "status"]
        var rows = [header]
        for model in catalogue.models {
            let steps = model.steps.map { "\($0.default) (\($0.min)–\($0.max))" } ?? "—"
            var size = "×\(model.size.multiple)"
            if let sizes = model.size.sizes { size = "\(sizes.count) fixed sizes" }
            if let ratios = model.size.aspectRatios, !model.parameters.contains("width") { size = "ratios " + ratios.joined(separator: ",") }
            rows.append([model.id, model.family, model.parameters.joined(separator: ","), steps, size,
                         model.partnerHosted ? "partner" : "together", model.pricing.rawValue, model.status])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        for row in rows {
            let line = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
            print(line)
        }
    }
}
