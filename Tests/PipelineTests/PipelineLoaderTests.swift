import DarkroomTestSupport
import Foundation
import Pipeline
import Testing

/// The loader checks a whole file before anything runs, naming file, line and key.
@Suite struct PipelineLoaderTests {
    static let pipelines = DarkroomRunner.packageRoot.appendingPathComponent("pipelines")

    func error(_ text: String) -> String {
        do {
            _ = try PipelineLoader.parse(text, file: "p.yaml")
            return "no error"
        } catch { return error.description }
    }

    @Test func unknownKeyNamesLineAndSuggestion() {
        let message = error("generate: {prompt: a}\nstages:\n  - write: {format: webp, qualty: 80}\n")
        #expect(message.hasPrefix("p.yaml:3:"))
        #expect(message.contains("stages[0].write.qualty"))
        #expect(message.contains("did you mean `quality`"))
    }

    @Test func unknownStageAndWrongTypeAndRange() {
        #expect(error("generate: {prompt: a}\nstages:\n  - resise: {width: 10}\n").contains("did you mean `resize`"))
        let type = error("generate:\n  prompt: a\n  width: wide\nstages: [write]\n")
        #expect(type.hasPrefix("p.yaml:3:") && type.contains("`generate.width` must be a whole number"))
        let range = error("generate:\n  prompt: a\nstages:\n  - write: {format: jpeg, quality: 101}\n")
        #expect(range.hasPrefix("p.yaml:4:") && range.contains("quality") && range.contains("1–100"))
    }

    @Test func catalogueRulesAndSweepLimit() {
        let size = error("generate:\n  model: black-forest-labs/FLUX.1-dev\n  prompt: a\n  width: 1080\n  height: 1024\nstages: [write]\n")
        #expect(size.contains("p.yaml:4:") && size.contains("width"))
        let big = "generate:\n  prompt: a\nsweep:\n  seeds: 200\n  steps: [1, 2, 3, 4]\nstages: [write]\n"
        do {
            _ = try PipelineLoader.parse(big, file: "p.yaml", maxItems: 500)
            Issue.record("no error")
        } catch { #expect(error.description.contains("800 items") && error.description.contains("--max-items")) }
    }

    @Test func escapingNamesAreRefused() {
        #expect(error("generate: {prompt: a}\nstages:\n  - write: {name: \"../{stem}.{ext}\"}\n").contains("climbs out"))
        #expect(error("generate: {prompt: a}\nstages:\n  - write: {name: \"/tmp/{stem}.{ext}\"}\n").contains("absolute"))
        #expect(error("generate: {prompt: a}\nstages:\n  - write: {name: \"{stem}-{sed}.{ext}\"}\n").contains("unknown field {sed}"))
    }

    @Test func sweepExpandsAsCrossProductInOrder() throws {
        let definition = try PipelineLoader.load(Self.pipelines.appendingPathComponent("seed-sweep.yaml").path)
        #expect(definition.items.count == 24)
        // Seeds vary fastest (the axes nest in the documented order: model, prompt, size,
        // aspect_ratio, steps, guidance_scale, seed/seeds).
        #expect(definition.items.map(\.fields.seed).prefix(3) == [100, 101, 102])
        #expect(definition.items.map(\.fields.steps) == [Int](repeating: 1, count: 8) + [Int](repeating: 2, count: 8) + [Int](repeating: 4, count: 8))
        #expect(definition.items.last?.fields.seed == 107)
        #expect(definition.stages.map(\.name) == ["validate", "write", "write"])
    }
}

/// Generation settings of the file reach the definition, checked for range.
@Suite struct PipelineGenerationSettingsTests {
    @Test func retriesAndTimeoutAreReadAndChecked() throws {
        let definition = try PipelineLoader.parse("generate: {prompt: a, retries: 5, timeout: 30, concurrency: 2}\nstages: [write]\n", file: "p.yaml")
        #expect(definition.retries == 5 && definition.timeout == 30 && definition.concurrency == 2)
        #expect(throws: PipelineError.self) { try PipelineLoader.parse("generate: {prompt: a, retries: 99}\nstages: [write]\n", file: "p.yaml") }
    }
}
