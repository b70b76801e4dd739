import DarkroomTestSupport
import Foundation
import Pipeline
import Testing

/// The runner in process: stage order and the refusal of outputs through symbolic links.
@Suite struct PipelineRunnerTests {
    func pipeline(_ stages: String, in folder: URL) throws -> PipelineDefinition {
        try FileManager.default.copyItem(at: DarkroomRunner.corpus.appendingPathComponent("s05_path_1344x768.png"),
                                         to: folder.appendingPathComponent("a.png"))
        return try PipelineLoader.parse("inputs: [a.png]\noutput: out\nstages:\n\(stages)", file: folder.appendingPathComponent("p.yaml").path)
    }

    @Test func stagesRunInTheOrderWrittenAndWriteIsATap() async throws {
        let folder = try DarkroomRunner.temporaryFolder()
        let definition = try pipeline("  - write: {format: png, name: 'full.{ext}'}\n  - resize: {width: 200}\n  - write: {format: png, name: '{width}x{height}.{ext}'}\n  - crop: {width: 100, height: 50}\n  - write: {format: png, name: 'crop-{width}x{height}.{ext}'}\n", in: folder)
        let summary = await PipelineRunner(definition: definition).run { _, _ in }
        #expect(summary.done == 1 && summary.failures.isEmpty && summary.outputs == 3)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
        #expect(names == ["200x114.png", "crop-100x50.png", "full.png"])
    }

    @Test func anOutputThroughASymlinkIsRefused() async throws {
        let folder = try DarkroomRunner.temporaryFolder()
        let elsewhere = try DarkroomRunner.temporaryFolder()
        let definition = try pipeline("  - write: {format: png, name: 'sub/{stem}.{ext}'}\n", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("out/sub"), withDestinationURL: elsewhere)
        let summary = await PipelineRunner(definition: definition).run { _, _ in }
        #expect(summary.done == 0 && summary.failures.count == 1)
        #expect(summary.failures.first?.contains("symbolic link") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
