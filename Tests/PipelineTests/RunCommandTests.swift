import Codecs
import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom run` end to end, offline, on the example pipelines and the shared corpus.
@Suite struct RunCommandTests {
    static let pipelines = DarkroomRunner.packageRoot.appendingPathComponent("pipelines")

    func run(_ arguments: [String]) async throws -> DarkroomRunner.Result {
        try await DarkroomRunner.runAsync(["run"] + arguments, environment: ["TOGETHER_API_KEY": nil])
    }

    @Test func convertExampleWritesEveryTapInOrder() async throws {
        let out = try DarkroomRunner.temporaryFolder()
        let result = try await run([Self.pipelines.appendingPathComponent("convert.yaml").path, "--output", out.path, "--threads", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.count == 24)
        let webp = try Array(Data(contentsOf: out.appendingPathComponent("s07_yellow-flower_512x512.webp")))
        #expect(ImageFormat.sniff(webp) == .webp)
        let thumb = try ImageDecoder.decode(Array(Data(contentsOf: out.appendingPathComponent("s05_path_1344x768-thumb.webp"))))
        #expect(thumb.image.width == 256 && thumb.image.height == 146)
        let jpeg = try ImageDecoder.decode(Array(Data(contentsOf: out.appendingPathComponent("s05_path_1344x768.jpg"))))
        #expect(jpeg.image.width == 1344 && jpeg.image.height == 768)
        // --threads does not change a byte.
        let one = try DarkroomRunner.temporaryFolder()
        let again = try await run([Self.pipelines.appendingPathComponent("convert.yaml").path, "--output", one.path, "--threads", "1", "--quiet"])
        #expect(again.status == 0 && again.stdout.isEmpty)
        for name in names {
            #expect(FileManager.default.contents(atPath: out.appendingPathComponent(name).path) == FileManager.default.contents(atPath: one.appendingPathComponent(name).path))
        }
    }

    @Test func generationExamplesRunOffline() async throws {
        let out = try DarkroomRunner.temporaryFolder()
        let result = try await run([Self.pipelines.appendingPathComponent("aspect-ratios.yaml").path, "--output", out.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(names.contains("img-1-seed7-1344x768.png") && names.contains("img-2-seed7-768x1344.webp") && names.count == 6)
        #expect(result.stdout.split(separator: "\n").last?.contains("\"event\":\"summary\"") == true)
        let sweep = try DarkroomRunner.temporaryFolder()
        let swept = try await run([Self.pipelines.appendingPathComponent("seed-sweep.yaml").path, "--output", sweep.path, "--quiet"])
        #expect(swept.status == 0, "\(swept.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sweep.path).count == 48)
    }

    @Test func failedItemIsReportedOthersFinishAndDryRunWritesNothing() async throws {
        let folder = try DarkroomRunner.temporaryFolder()
        let corpus = DarkroomRunner.corpus
        try FileManager.default.copyItem(at: corpus.appendingPathComponent("s07_yellow-flower_512x512.png"), to: folder.appendingPathComponent("a.png"))
        var broken = try Array(Data(contentsOf: corpus.appendingPathComponent("s08_headset_rgba_512x512.png")))
        broken.removeLast(broken.count / 2)
        try Data(broken).write(to: folder.appendingPathComponent("b.png"))
        let file = folder.appendingPathComponent("p.yaml")
        try "inputs: ['*.png']\noutput: out\nstages:\n  - resize: {width: 64}\n  - write: {format: png}\n".write(to: file, atomically: true, encoding: .utf8)
        let dry = try await run([file.path, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("2 items"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let result = try await run([file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.png") && result.stderr.contains("1 done, 1 failed"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/a.png").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/b.png").path))
    }
}
