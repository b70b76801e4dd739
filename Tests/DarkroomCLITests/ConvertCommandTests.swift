import DarkroomTestSupport
import Codecs
import Foundation
import Pixels
import Testing

/// `darkroom convert` and `darkroom info`, run as a user would, on the shared corpus.
@Suite struct ConvertCommandTests {
    static let corpusFiles = [
        "s01_evening-glow_1024x1024.png", "s05_path_1344x768.png", "s06_cold-ripple_768x1344.png",
        "s08_headset_rgba_512x512.png",
    ]

    @Test(arguments: ["png", "jpeg", "webp"])
    func convertsCorpusFiles(format: String) throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let inputs = Self.corpusFiles.map { DarkroomRunner.corpus.appendingPathComponent($0).path }
        let result = try DarkroomRunner.run(["convert"] + inputs + ["--to", format, "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in Self.corpusFiles {
            let stem = String(file.dropLast(4))
            let ext = format == "jpeg" ? "jpg" : format
            let written = try [UInt8](Data(contentsOf: out.appendingPathComponent("\(stem).\(ext)")))
            let decoded = try ImageDecoder.decode(written)
            let original = try ImageDecoder.decode(try [UInt8](Data(contentsOf: DarkroomRunner.corpus.appendingPathComponent(file))))
            #expect(decoded.info.format == ImageFormat(name: format))
            #expect(decoded.image.width == original.image.width && decoded.image.height == original.image.height)
            if format == "png" { #expect(decoded.image == original.image) }
            if format == "jpeg" { #expect(decoded.image.layout == .rgb) }
        }
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func convertsAPIResponseAndBase64Files() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let response = DarkroomRunner.corpus.appendingPathComponent("response-n4.json").path
        let png = try [UInt8](Data(contentsOf: DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png")))
        let b64 = out.appendingPathComponent("flower.b64")
        try ("data:image/png;base64," + Base64.encode(png) + "\n").write(to: b64, atomically: true, encoding: .utf8)
        let result = try DarkroomRunner.run(["convert", response, b64.path, "--to", "webp", "--quality", "75", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for index in 0..<4 {
            let file = out.appendingPathComponent("response-n4-\(index).webp")
            let info = try ImageDecoder.readInfo(try [UInt8](Data(contentsOf: file)))
            #expect(info.format == .webp && info.width == 1024 && info.height == 1024 && info.lossless == false)
        }
        let flower = try ImageDecoder.readInfo(try [UInt8](Data(contentsOf: out.appendingPathComponent("flower.webp"))))
        #expect(flower.width == 512)
    }

    @Test func reportsEachBadInputAndStillWritesTheGoodOnes() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let good = DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png")
        let bytes = try Data(contentsOf: good)
        let truncated = out.appendingPathComponent("cut.png")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let garbage = out.appendingPathComponent("notes.txt")
        try Data("hello, not base64!".utf8).write(to: garbage)
        let missing = out.appendingPathComponent("missing.png")
        let result = try DarkroomRunner.run(["convert", truncated.path, good.path, garbage.path, missing.path, "--to", "jpeg", "--output", out.path + "/results"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cut.png") && result.stderr.contains("truncated PNG"))
        #expect(result.stderr.contains("notes.txt") && result.stderr.contains("base64"))
        #expect(result.stderr.contains("missing.png"))
        let written = out.appendingPathComponent("results/s07_yellow-flower_512x512.jpg")
        #expect(try ImageDecoder.readInfo(try [UInt8](Data(contentsOf: written))).format == .jpeg)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("results/cut.jpg").path))
    }

    @Test func flattensAlphaOntoBackgroundForJPEG() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let icon = DarkroomRunner.corpus.appendingPathComponent("s08_headset_rgba_512x512.png").path
        let source = try PNGCodec.decode(try [UInt8](Data(contentsOf: URL(fileURLWithPath: icon)))).image
        #expect(source.pixel(x: 0, y: 0)?.last == 0)
        for (colour, expected) in [("white", 255), ("#000000", 0)] {
            let file = out.appendingPathComponent("icon-\(expected).jpg").path
            let result = try DarkroomRunner.run(["convert", icon, "--to", "jpeg", "--quality", "95", "--background", colour, "-o", file])
            #expect(result.status == 0, "\(result.stderr)")
            let image = try JPEGCodec.decode(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))).image
            for sample in try #require(image.pixel(x: 2, y: 2)) { #expect(abs(Int(sample) - expected) <= 3) }
        }
    }

    @Test func refusesBadOptionsWithAClearMessage() throws {
        let flower = DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png").path
        let cases: [([String], String)] = [
            (["--to", "gif"], "--to gif"),
            (["--to", "png", "--quality", "80"], "--quality does not apply to PNG"),
            (["--to", "jpeg", "--quality", "0"], "1–100"),
            (["--to", "webp", "--effort", "9"], "0–6"),
            (["--to", "jpeg", "--background", "nope"], "not a colour"),
            (["--to", "png", "--multiple-of", "8", "--size-policy", "stretch"], "--size-policy"),
        ]
        for (options, message) in cases {
            let result = try DarkroomRunner.run(["convert", flower] + options)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(options): \(result.stderr)")
        }
        let two = try DarkroomRunner.run(["convert", flower, flower, "--to", "png", "-o", "/tmp/x.png"])
        #expect(two.status != 0 && two.stderr.contains("-o FILE takes one image"))
    }

    @Test func validatesDimensionsWithEachPolicy() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let path = DarkroomRunner.corpus.appendingPathComponent("s05_path_1344x768.png").path
        let fail = try DarkroomRunner.run(["convert", path, "--to", "png", "--multiple-of", "500", "--output", out.path])
        #expect(fail.status != 0)
        #expect(fail.stderr.contains("s05_path_1344x768.png") && fail.stderr.contains("1344x768") && fail.stderr.contains("1500x1000"))
        for (policy, size) in [("crop", (1000, 500)), ("pad", (1500, 1000)), ("resize", (1500, 1000))] {
            let file = out.appendingPathComponent("\(policy).png").path
            let result = try DarkroomRunner.run(["convert", path, "--to", "png", "--multiple-of", "500", "--size-policy", policy, "-o", file])
            #expect(result.status == 0, "\(result.stderr)")
            let info = try PNGCodec.readInfo(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
            #expect(info.width == size.0 && info.height == size.1, "\(policy)")
        }
    }

    @Test func infoPrintsTextAndJSON() throws {
        let files = Self.corpusFiles.map { DarkroomRunner.corpus.appendingPathComponent($0).path }
        let text = try DarkroomRunner.run(["info"] + files)
        #expect(text.status == 0)
        #expect(text.stdout.contains("s05_path_1344x768.png: PNG, 1344x768, rgb, 8-bit rgb"))
        #expect(text.stdout.contains("s08_headset_rgba_512x512.png: PNG, 512x512, rgba"))
        let json = try DarkroomRunner.run(["info", "--json", DarkroomRunner.corpus.appendingPathComponent("response-n4.json").path])
        #expect(json.status == 0)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0["format"] as? String == "png" && $0["width"] as? Int == 1024 && $0["icc"] as? Bool == false })
        let bad = try DarkroomRunner.run(["info", "/nonexistent/file.png"])
        #expect(bad.status != 0 && bad.stderr.contains("/nonexistent/file.png"))
    }

    @Test func keepsProfileAlwaysAndOtherMetadataOnRequest() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let icc = try [UInt8](Data(contentsOf: DarkroomRunner.corpus.deletingLastPathComponent().appendingPathComponent("conformance/jpeg/test3.icc")))
        let exif: [UInt8] = [0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        let image = try Image(width: 32, height: 16, layout: .rgb, filledWith: 90)
        let source = out.appendingPathComponent("turned.jpg")
        try Data(try JPEGCodec.encode(image, metadata: ImageMetadata(iccProfile: icc, exif: exif, xmp: "<x/>", comment: "hi"))).write(to: source)

        let plain = out.appendingPathComponent("plain.png").path
        #expect(try DarkroomRunner.run(["convert", source.path, "--to", "png", "-o", plain]).status == 0)
        let plainInfo = try PNGCodec.readInfo(try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain))))
        #expect(plainInfo.width == 16 && plainInfo.height == 32)
        #expect(plainInfo.metadata == ImageMetadata(iccProfile: icc))

        let kept = out.appendingPathComponent("kept.png").path
        #expect(try DarkroomRunner.run(["convert", source.path, "--to", "png", "--keep-metadata", "-o", kept]).status == 0)
        let keptInfo = try PNGCodec.readInfo(try [UInt8](Data(contentsOf: URL(fileURLWithPath: kept))))
        #expect(keptInfo.width == 16 && keptInfo.metadata.orientation == .up)
        #expect(keptInfo.metadata.xmp == "<x/>" && keptInfo.metadata.iccProfile == icc)
        #expect(keptInfo.metadata.text.contains { $0.keyword == "Comment" && $0.value == "hi" })

        let stored = out.appendingPathComponent("stored.png").path
        #expect(try DarkroomRunner.run(["convert", source.path, "--to", "png", "--keep-metadata", "--no-auto-orient", "-o", stored]).status == 0)
        let storedInfo = try PNGCodec.readInfo(try [UInt8](Data(contentsOf: URL(fileURLWithPath: stored))))
        #expect(storedInfo.width == 32 && storedInfo.metadata.orientation == .right)
    }
}
