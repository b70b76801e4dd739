import DarkroomTestSupport
import Codecs
import Foundation
import Pixels
import Testing

/// `--threads` of `convert` and `thumbnail`: several images at once (and one image's
/// resize in bands) write exactly the files one thread writes, report in input order, and
/// still name a bad input among good ones.
@Suite struct ThreadsCommandTests {
    static let files = [
        "s01_evening-glow_1024x1024.png", "s05_path_1344x768.png", "s06_cold-ripple_768x1344.png",
        "s07_yellow-flower_512x512.png", "s08_headset_rgba_512x512.png",
    ]
    static var inputs: [String] { files.map { DarkroomRunner.corpus.appendingPathComponent($0).path } }

    /// Every file of `folder`, by name.
    static func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    /// Runs `arguments` with `--threads 1` and `--threads 2`, each into its own folder;
    /// both must succeed and print the same lines (up to the folder), in input order.
    static func bothWays(_ arguments: [String], in root: URL) throws -> (one: [String: Data], two: [String: Data]) {
        var written: [[String: Data]] = []
        var lines: [[String]] = []
        for threads in ["1", "2"] {
            let folder = root.appendingPathComponent("t" + threads)
            let result = try DarkroomRunner.run(arguments + ["--threads", threads, "--output", folder.path])
            #expect(result.status == 0 && result.stderr.isEmpty, "--threads \(threads): \(result.stderr)")
            lines.append(result.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: folder.path, with: "OUT") })
            written.append(try contents(folder))
        }
        #expect(lines[0] == lines[1])
        let order = lines[1].map { String($0.prefix { $0 != " " }) }
        #expect(order == Array(inputs.prefix(order.count)) && order.count == files.count, "\(lines[1])")
        return (written[0], written[1])
    }

    @Test func convertWritesTheSameFilesWithTwoThreads() throws {
        let root = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let (one, two) = try Self.bothWays(["convert"] + Self.inputs + ["--to", "png", "--width", "300", "--compression-level", "1"], in: root)
        #expect(one.count == Self.files.count && one == two)
        for file in Self.files {
            let original = try PNGCodec.readInfo([UInt8](try Data(contentsOf: DarkroomRunner.corpus.appendingPathComponent(file))))
            let data = try #require(two[file.dropLast(4) + ".png"], "\(file)")
            let image = try ImageDecoder.decode([UInt8](data)).image
            // The height follows the ratio, rounded to the nearest pixel.
            let height = Int((Double(original.height) * 300 / Double(original.width)).rounded())
            #expect(image.width == 300 && image.height == height, "\(file): \(image.width)x\(image.height)")
        }
    }

    @Test func thumbnailWritesTheSameFilesWithTwoThreads() throws {
        let root = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let (one, two) = try Self.bothWays(["thumbnail"] + Self.inputs + ["--size", "160", "--to", "webp"], in: root)
        #expect(one.count == Self.files.count && one == two)
        for file in Self.files {
            let info = try ImageDecoder.readInfo([UInt8](try #require(two[file.dropLast(4) + ".webp"], "\(file)")))
            #expect(info.format == .webp && max(info.width, info.height) == 160, "\(file)")
        }
    }

    /// One large image with two threads: its resize runs in two bands.
    @Test func oneImageResizedInBandsIsIdentical() throws {
        let root = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let input = DarkroomRunner.corpus.appendingPathComponent("s05_path_1344x768.png").path
        var outputs: [Data] = []
        for threads in ["1", "2"] {
            let file = root.appendingPathComponent("wide-\(threads).png")
            let result = try DarkroomRunner.run(["convert", input, "--to", "png", "--width", "1100", "--height", "700", "--fit", "fill",
                                                 "--compression-level", "1", "--threads", threads, "-o", file.path])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: file))
        }
        let image = try ImageDecoder.decode([UInt8](outputs[1])).image
        #expect(image.width == 1100 && image.height == 700 && outputs[0] == outputs[1])
    }

    @Test func badInputsAreNamedAndTheGoodOnesWritten() throws {
        let root = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let flower = try Data(contentsOf: DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png"))
        let cut = root.appendingPathComponent("cut.png")
        try flower.prefix(flower.count / 2).write(to: cut)
        let missing = root.appendingPathComponent("missing.png").path
        let inputs = [Self.inputs[0], cut.path, Self.inputs[1], missing, Self.inputs[4]]
        let out = root.appendingPathComponent("out")
        let result = try DarkroomRunner.run(["convert"] + inputs + ["--to", "jpeg", "--width", "200", "--threads", "2", "--output", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cut.png: ") && result.stderr.contains("truncated PNG"), "\(result.stderr)")
        #expect(result.stderr.contains("missing.png: "), "\(result.stderr)")
        // Each report is one whole line.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("darkroom: ") }, "\(result.stderr)")
        for file in [Self.files[0], Self.files[1], Self.files[4]] {
            let name = String(file.dropLast(4)) + ".jpg"
            let image = try ImageDecoder.decode([UInt8](try Data(contentsOf: out.appendingPathComponent(name)))).image
            #expect(image.width == 200, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            == ["s01_evening-glow_1024x1024.jpg", "s05_path_1344x768.jpg", "s08_headset_rgba_512x512.jpg"])
        let stdout = result.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(stdout == [Self.inputs[0], Self.inputs[1], Self.inputs[4]])
        let zero = try DarkroomRunner.run(["thumbnail", Self.inputs[0], "--size", "10", "--threads", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--threads must be at least 1"))
    }
}
