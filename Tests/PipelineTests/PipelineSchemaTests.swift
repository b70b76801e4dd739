import DarkroomTestSupport
import Foundation
import Pipeline
import Testing

/// `pipelines/schema.json` and the loader agree: every key and stage the loader accepts is
/// in the schema, and every example pipeline loads and names the schema.
@Suite struct PipelineSchemaTests {
    static let pipelines = DarkroomRunner.packageRoot.appendingPathComponent("pipelines")

    @Test func everyKeyTheLoaderAcceptsIsInTheSchema() throws {
        let data = try Data(contentsOf: Self.pipelines.appendingPathComponent("schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(PipelineLoader.topKeys))
        let generate = try #require((properties["generate"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(generate.keys) == Set(PipelineLoader.generateKeys))
        let sweep = try #require((properties["sweep"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(sweep.keys) == Set(PipelineLoader.sweepKeys))
        let stageItems = try #require(((properties["stages"] as? [String: Any])?["items"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let names = try #require(stageItems.first?["enum"] as? [String])
        #expect(Set(names) == Set(PipelineLoader.stageNames))
    }

    @Test func everyExampleLoadsAndNamesTheSchema() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: Self.pipelines.path).filter { $0.hasSuffix(".yaml") }
        #expect(examples.count >= 3)
        for name in examples {
            let path = Self.pipelines.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=./schema.json"), "\(name)")
            _ = try PipelineLoader.load(path)
        }
    }
}
