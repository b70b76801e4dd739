import DarkroomTestSupport
import Codecs
import Foundation
import Pixels
import Testing

/// `darkroom convert` resize/fit/sharpen/--to-srgb options and `darkroom thumbnail`,
/// run as a user would, on the shared corpus.
@Suite struct ResizeCommandTests {
    static let path = DarkroomRunner.corpus.appendingPathComponent("s05_path_1344x768.png").path
    static let headset = DarkroomRunner.corpus.appendingPathComponent("s08_headset_rgba_512x512.png").path

    static func decode(_ url: URL) throws -> DecodedImage { try ImageDecoder.decode([UInt8](try Data(contentsOf: url))) }

    @Test(arguments: [("cover", 300, 200), ("contain", 300, 200), ("fill", 300, 200), ("inside", 300, 171), ("outside", 350, 200)])
    func convertFitsEachMode(fit: String, width: Int, height: Int) throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = out.appendingPathComponent("o.png")
        let result = try DarkroomRunner.run(["convert", Self.path, "--to", "png", "--width", "300", "--height", "200", "--fit", fit, "-o", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let image = try Self.decode(file).image
        #expect(image.width == width && image.height == height)
    }

    /// The three commands that crashed with SIGSEGV on `../shared/regressions/rgba-upscale-nan.png`.
    @Test(arguments: [["--to", "png", "--width", "200"], ["--to", "png", "--width", "120"],
                      ["--to", "webp", "--width", "120", "--height", "90", "--fit", "cover"]])
    func rgbaUpscaleRegression(arguments: [String]) throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = DarkroomRunner.corpus.deletingLastPathComponent().appendingPathComponent("regressions/rgba-upscale-nan.png")
        let file = out.appendingPathComponent(arguments[1] == "webp" ? "out.webp" : "out.png")
        let result = try DarkroomRunner.run(["convert", input.path] + arguments + ["-o", file.path])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        let image = try Self.decode(file).image
        let width = Int(arguments[3]) ?? 0
        #expect(image.width == width && image.height == (arguments.count > 4 ? 90 : width) && image.layout == .rgba)
        // The edge is still there: transparent and opaque pixels both.
        let samples = image.packed().pixels
        let alphas = stride(from: 3, to: samples.count, by: 4).map { samples[$0] }
        #expect(alphas.contains(0) && alphas.contains(255))
    }

    @Test func oneSideEnlargementAndLetterbox() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let a = out.appendingPathComponent("a.png"), b = out.appendingPathComponent("b.png"), c = out.appendingPathComponent("c.png")
        #expect(try DarkroomRunner.run(["convert", Self.path, "--to", "png", "--height", "384", "--kernel", "catrom", "-o", a.path]).status == 0)
        let half = try Self.decode(a).image
        #expect(half.width == 672 && half.height == 384)
        #expect(try DarkroomRunner.run(["convert", Self.path, "--to", "png", "--width", "4000", "--without-enlargement", "-o", b.path]).status == 0)
        let same = try Self.decode(b).image
        #expect(same.width == 1344 && same.height == 768)
        let letterbox = try DarkroomRunner.run(["convert", Self.path, "--to", "png", "--width", "200", "--height", "200", "--fit", "contain",
                                            "--position", "north", "--background", "#ff00ff", "-o", c.path])
        #expect(letterbox.status == 0, "\(letterbox.stderr)")
        let boxed = try Self.decode(c).image
        #expect(boxed.width == 200 && boxed.height == 200)
        // North: the picture sits at the top, the whole band below is the background.
        #expect(boxed.pixel(x: 100, y: 199) == [255, 0, 255] && boxed.pixel(x: 100, y: 0) != [255, 0, 255])
    }

    @Test func smartCropsAndSharpenChangeTheResult() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        var images: [String: Image] = [:]
        for (name, extra) in [("plain", []), ("sharp", ["--sharpen"]), ("sharp2", ["--sharpen", "2"]),
                              ("entropy", ["--position", "entropy"]), ("attention", ["--position", "attention"]),
                              ("west", ["--position", "west"]), ("classic", ["--no-linear", "--no-premultiply"])] {
            let file = out.appendingPathComponent(name + ".png")
            let result = try DarkroomRunner.run(["convert", Self.path, "--to", "png", "--width", "256", "--height", "256", "-o", file.path] + extra)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            images[name] = try Self.decode(file).image
        }
        for image in images.values { #expect(image.width == 256 && image.height == 256) }
        #expect(images["sharp"] != images["plain"] && images["sharp2"] != images["sharp"])
        #expect(images["west"] != images["plain"])
    }

    @Test func toSRGBConvertsAndDropsTheProfileWhileDefaultKeepsIt() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        // libjpeg-turbo's test profile (an RGB input profile) embedded in a corpus picture.
        let profile = [UInt8](try Data(contentsOf: DarkroomRunner.corpus.deletingLastPathComponent().appendingPathComponent("conformance/jpeg/test3.icc")))
        let source = try Self.decode(URL(fileURLWithPath: DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png").path)).image
        let tagged = out.appendingPathComponent("tagged.png")
        try Data(try ImageEncoder.encode(source, as: .png(PNGEncodeOptions()), metadata: ImageMetadata(iccProfile: profile))).write(to: tagged)
        let kept = out.appendingPathComponent("kept.png"), converted = out.appendingPathComponent("srgb.png")
        #expect(try DarkroomRunner.run(["convert", tagged.path, "--to", "png", "-o", kept.path]).status == 0)
        #expect(try Self.decode(kept).info.metadata.iccProfile == profile)
        let result = try DarkroomRunner.run(["convert", tagged.path, "--to", "png", "--to-srgb", "-o", converted.path])
        #expect(result.status == 0, "\(result.stderr)")
        let srgb = try Self.decode(converted)
        #expect(srgb.info.metadata.iccProfile == nil && srgb.image.width == 512 && srgb.image != source)
        // Untagged input: --to-srgb changes nothing.
        let untagged = out.appendingPathComponent("untagged.png")
        #expect(try DarkroomRunner.run(["convert", DarkroomRunner.corpus.appendingPathComponent("s07_yellow-flower_512x512.png").path,
                                    "--to", "png", "--to-srgb", "-o", untagged.path]).status == 0)
        #expect(try Self.decode(untagged).image == source)
        // A damaged profile is reported by name, not applied.
        var broken = profile
        broken.replaceSubrange(36..<40, with: Array("xxxx".utf8))
        let bad = out.appendingPathComponent("bad.png")
        try Data(try ImageEncoder.encode(source, as: .png(PNGEncodeOptions()), metadata: ImageMetadata(iccProfile: broken))).write(to: bad)
        let failed = try DarkroomRunner.run(["convert", bad.path, "--to", "png", "--to-srgb", "-o", out.appendingPathComponent("x.png").path])
        #expect(failed.status == 1 && failed.stderr.contains("bad.png") && failed.stderr.contains("'acsp' signature"), "\(failed.stderr)")
    }

    @Test func optionsAreValidated() throws {
        let cases: [([String], String)] = [
            (["--fit", "cover"], "need --width or --height"),
            (["--width", "10", "--fit", "squash"], "--fit squash"),
            (["--width", "10", "--position", "middle"], "--position middle"),
            (["--width", "10", "--kernel", "cubic"], "--kernel cubic"),
            (["--width", "0"], "at least 1"),
            (["--sharpen", "50"], "--sharpen AMOUNT"),
        ]
        for (arguments, message) in cases {
            let result = try DarkroomRunner.run(["convert", Self.path, "--to", "png", "-o", "/tmp/never-written.png"] + arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test func thumbnailsFitTheBoxInEachMode() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let inputs = ConvertCommandTests.corpusFiles.map { DarkroomRunner.corpus.appendingPathComponent($0).path }
        let inside = try DarkroomRunner.run(["thumbnail"] + inputs + ["--size", "128", "--output", out.appendingPathComponent("inside").path])
        #expect(inside.status == 0, "\(inside.stderr)")
        let expected = [(128, 128), (128, 73), (73, 128), (128, 128)]
        for (file, size) in zip(ConvertCommandTests.corpusFiles, expected) {
            let decoded = try Self.decode(out.appendingPathComponent("inside/" + file))
            #expect(decoded.info.format == .png && decoded.image.width == size.0 && decoded.image.height == size.1, "\(file)")
        }
        let cover = try DarkroomRunner.run(["thumbnail"] + inputs + ["--size", "96", "--fit", "cover", "--position", "attention", "--to", "jpeg",
                                                                 "--output", out.appendingPathComponent("cover").path])
        #expect(cover.status == 0, "\(cover.stderr)")
        for file in ConvertCommandTests.corpusFiles {
            let decoded = try Self.decode(out.appendingPathComponent("cover/" + file.dropLast(4) + ".jpg"))
            #expect(decoded.info.format == .jpeg && decoded.image.width == 96 && decoded.image.height == 96)
        }
        // A JPEG input stays JPEG; -o names a single output.
        let jpeg = out.appendingPathComponent("big.jpg")
        let source = try Self.decode(URL(fileURLWithPath: inputs[0])).image
        try Data(try JPEGCodec.encode(source, options: JPEGEncodeOptions(quality: 90))).write(to: jpeg)
        let single = out.appendingPathComponent("single.jpg")
        let one = try DarkroomRunner.run(["thumbnail", jpeg.path, "--size", "200", "--fit", "contain", "-o", single.path])
        #expect(one.status == 0, "\(one.stderr)")
        let small = try Self.decode(single)
        #expect(small.info.format == .jpeg && small.image.width == 200 && small.image.height == 200)
        // Next to the input, with a -thumb suffix, when no output is named.
        let beside = try DarkroomRunner.run(["thumbnail", jpeg.path, "--size", "64", "--no-sharpen"])
        #expect(beside.status == 0 && FileManager.default.fileExists(atPath: out.appendingPathComponent("big-thumb.jpg").path))
    }

    @Test func thumbnailReportsBadInputsAndGoesOn() throws {
        let out = try DarkroomRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let junk = out.appendingPathComponent("junk.png")
        try Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF]).write(to: junk)
        let result = try DarkroomRunner.run(["thumbnail", junk.path, Self.headset, "--size", "50", "--output", out.appendingPathComponent("t").path])
        #expect(result.status == 1 && result.stderr.contains("junk.png") && result.stderr.contains("GIF images are not supported"), "\(result.stderr)")
        let good = try Self.decode(out.appendingPathComponent("t/s08_headset_rgba_512x512.png")).image
        #expect(good.width == 50 && good.height == 50 && good.layout == .rgba)
        let invalid = try DarkroomRunner.run(["thumbnail", Self.headset, "--size", "0"])
        #expect(invalid.status != 0 && invalid.stderr.contains("--size must be at least 1"))
    }
}
