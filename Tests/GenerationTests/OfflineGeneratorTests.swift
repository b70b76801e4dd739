import Codecs
import Foundation
import Generation
import Pixels
import Testing

/// The offline generator: deterministic, distinct per prompt and seed, more detailed with
/// more steps, answering through the images API's own JSON.
@Suite struct OfflineGeneratorTests {
    static func request(prompt: String = "a lighthouse at dusk", seed: Int, steps: Int = 20, size: Int = 256) -> ImageRequest {
        var request = ImageRequest(model: "black-forest-labs/FLUX.1-schnell", prompt: prompt)
        request.seed = seed
        request.steps = steps
        request.width = size
        request.height = size
        return request
    }

    static func generate(_ request: ImageRequest) async throws -> GeneratedImage {
        let runner = GenerationRunner(generator: OfflineGenerator())
        let (_, outcomes) = try await runner.run(request)
        return try #require(try outcomes.first?.result.get())
    }

    /// Mean absolute difference between the luma and its 9×9 box blur: the energy of
    /// detail finer than about 16 pixels.
    static func highFrequencyEnergy(_ image: Image) -> Double {
        let rgb = image.converted(to: .rgb)
        let w = rgb.width, h = rgb.height
        var integral = [Double](repeating: 0, count: (w + 1) * (h + 1))
        var luma = [Double](repeating: 0, count: w * h)
        for y in 0..<h {
            var rowSum = 0.0
            for x in 0..<w {
                let o = y * rgb.rowStride + x * 3
                let value = 0.299 * Double(rgb.pixels[o]) + 0.587 * Double(rgb.pixels[o + 1]) + 0.114 * Double(rgb.pixels[o + 2])
                luma[y * w + x] = value
                rowSum += value
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + rowSum
            }
        }
        let r = 4
        var total = 0.0
        for y in r..<(h - r) {
            for x in r..<(w - r) {
                let x0 = x - r, x1 = x + r + 1, y0 = y - r, y1 = y + r + 1
                let sum = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0] + integral[y0 * (w + 1) + x0]
                total += abs(luma[y * w + x] - sum / Double((2 * r + 1) * (2 * r + 1)))
            }
        }
        return total / Double((w - 2 * r) * (h - 2 * r))
    }

    @Test func sameInputsGiveIdenticalBytes() async throws {
        let a = try await Self.generate(Self.request(seed: 7))
        let b = try await Self.generate(Self.request(seed: 7))
        #expect(a.bytes == b.bytes)
        #expect(a.format == .png && a.width == 256 && a.height == 256)
        #expect(a.backend == "local" && a.responseModel == OfflineGenerator.modelName)
        #expect(a.responseID?.hasPrefix("offline-") == true)
        #expect(a.seed == 7 && a.request.seed == 7 && a.request.n == 1)
    }

    @Test func seedsAndPromptsGiveDistinctImages() async throws {
        let base = try ImageDecoder.decode(try await Self.generate(Self.request(seed: 7)).bytes).image
        for other in [Self.request(seed: 8), Self.request(seed: 123_456), Self.request(prompt: "a red apple", seed: 7)] {
            let image = try ImageDecoder.decode(try await Self.generate(other).bytes).image
            var differing = 0
            for (p, q) in zip(base.pixels, image.pixels) where abs(Int(p) - Int(q)) > 8 { differing += 1 }
            #expect(differing > base.pixels.count / 4, "\(other.prompt) seed \(other.seed ?? -1): \(differing) samples differ")
        }
    }

    @Test func moreStepsGiveMoreHighFrequencyEnergy() async throws {
        var energies: [Double] = []
        for steps in [1, 8, 16, 24, 50] {
            let image = try ImageDecoder.decode(try await Self.generate(Self.request(seed: 3, steps: steps, size: 512)).bytes).image
            energies.append(Self.highFrequencyEnergy(image))
        }
        for (low, high) in zip(energies, energies.dropFirst()) {
            #expect(high > low * 1.1, "energies \(energies)")
        }
    }

    @Test func fanOutGivesEveryImageItsSeed() async throws {
        var request = Self.request(seed: 7, size: 64)
        request.n = 4
        let runner = GenerationRunner(generator: OfflineGenerator())
        let (_, outcomes) = try await runner.run(request)
        let images = try outcomes.map { try $0.result.get() }
        #expect(images.map(\.seed) == [7, 8, 9, 10])
        #expect(images.map(\.index) == [0, 1, 2, 3])
        #expect(Set(images.map(\.bytes)).count == 4)
        // Without a seed, one is drawn and recorded; the images still follow on from it.
        request.seed = nil
        let drawn = try await runner.run(request).outcomes.map { try $0.result.get().seed }
        #expect(drawn.count == 4 && drawn == (0..<4).map { drawn[0] + $0 })
    }

    @Test func jpegOutputAndAspectRatio() async throws {
        var request = ImageRequest(model: "black-forest-labs/FLUX.1-kontext-pro", prompt: "a harbour")
        request.aspectRatio = "16:9"
        request.outputFormat = .jpeg
        request.seed = 1
        let image = try await Self.generate(request)
        #expect(image.format == .jpeg && image.width == 1344 && image.height == 768)
    }

    @Test func offlineAnswerIsTheAPIsJSON() async throws {
        var request = Self.request(seed: 5, size: 32)
        request.n = 2
        let body = try await OfflineGenerator().send(request)
        let response = try ImagesResponse.parse(body)
        #expect(response.model == "darkroom/offline" && response.object == "list" && response.data.count == 2)
        #expect(response.data.allSatisfy { $0.type == "b64_json" && $0.url == nil })
        let first = try Base64.decode(try #require(response.data[0].b64JSON))
        #expect(ImageFormat.sniff(first) == .png)
    }
}
