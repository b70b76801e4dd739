import CLCMS
import Codecs
import Foundation
import Pixels
import Testing

/// ICC conversion to sRGB with Little CMS.
@Suite struct ColourConverterTests {
    static let d65 = (x: 0.3127, y: 0.3290)
    static let p3Primaries = [(0.680, 0.320), (0.265, 0.690), (0.150, 0.060)]
    static let srgbPrimaries = [(0.640, 0.330), (0.300, 0.600), (0.150, 0.060)]

    /// An ICC profile written by Little CMS: RGB with the given primaries, D65 white
    /// and the sRGB tone curve (Display P3 with the P3 primaries), or gray with a gamma.
    static func profile(primaries: [(Double, Double)]? = nil, grayGamma: Double? = nil) throws -> [UInt8] {
        var white = cmsCIExyY(x: d65.x, y: d65.y, Y: 1)
        var srgbCurve: [cmsFloat64Number] = [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045]
        let curve = try #require(grayGamma.map { cmsBuildGamma(nil, $0) } ?? cmsBuildParametricToneCurve(nil, 4, &srgbCurve))
        defer { cmsFreeToneCurve(curve) }
        let handle: cmsHPROFILE?
        if let primaries {
            var triple = cmsCIExyYTRIPLE(
                Red: cmsCIExyY(x: primaries[0].0, y: primaries[0].1, Y: 1),
                Green: cmsCIExyY(x: primaries[1].0, y: primaries[1].1, Y: 1),
                Blue: cmsCIExyY(x: primaries[2].0, y: primaries[2].1, Y: 1))
            var curves: [OpaquePointer?] = [curve, curve, curve]
            handle = cmsCreateRGBProfile(&white, &triple, &curves)
        } else {
            handle = cmsCreateGrayProfile(&white, curve)
        }
        let made = try #require(handle)
        defer { cmsCloseProfile(made) }
        var size: cmsUInt32Number = 0
        #expect(cmsSaveProfileToMem(made, nil, &size) != 0)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        #expect(cmsSaveProfileToMem(made, &bytes, &size) != 0)
        return bytes
    }

    /// RGB → XYZ matrix of a set of primaries with the D65 white.
    static func rgbToXYZ(_ p: [(Double, Double)]) -> [[Double]] {
        let cols = p.map { [$0.0 / $0.1, 1, (1 - $0.0 - $0.1) / $0.1] }
        let white = [d65.x / d65.y, 1, (1 - d65.x - d65.y) / d65.y]
        let m = (0..<3).map { r in (0..<3).map { c in cols[c][r] } }
        let s = solve(m, white)
        return (0..<3).map { r in (0..<3).map { c in m[r][c] * s[c] } }
    }

    /// Solves a 3×3 system by Cramer's rule.
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double] {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        return (0..<3).map { c in det(m.enumerated().map { r, row in row.enumerated().map { $0.offset == c ? v[r] : $0.element } }) / d }
    }

    static func decode(_ v: UInt8) -> Double {
        let x = Double(v) / 255
        return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }

    static func encode(_ x: Double) -> Int {
        let c = min(1, max(0, x))
        return Int(((c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055) * 255).rounded())
    }

    /// Display P3 → sRGB through XYZ, clipped: the expected result of the conversion.
    static func expectedP3ToSRGB(_ rgb: [UInt8]) -> [Int] {
        let toXYZ = rgbToXYZ(p3Primaries), fromXYZ = rgbToXYZ(srgbPrimaries)
        let lin = rgb.map(decode)
        let xyz = (0..<3).map { r in (0..<3).reduce(0.0) { $0 + toXYZ[r][$1] * lin[$1] } }
        let out = solve(fromXYZ, xyz)
        return out.map(encode)
    }

    @Test func displayP3ColoursMapToTheirSRGBValues() throws {
        let p3 = try Self.profile(primaries: Self.p3Primaries)
        #expect(try ColourConverter.profileColourSpace(p3) == "RGB")
        let colours: [[UInt8]] = [[255, 0, 0], [0, 255, 0], [200, 100, 50], [120, 160, 200], [40, 40, 40], [255, 255, 255]]
        let image = try Image(width: colours.count, height: 1, layout: .rgb, pixels: Array(colours.joined()))
        let converted = try ColourConverter.convertToSRGB(image, iccProfile: p3)
        for (x, colour) in colours.enumerated() {
            let got = try #require(converted.pixel(x: x, y: 0)).map(Int.init)
            let want = Self.expectedP3ToSRGB(colour)
            #expect(zip(got, want).allSatisfy { abs($0 - $1) <= 2 }, "P3 \(colour): got \(got), expected \(want)")
        }
        // Saturated P3 red lies outside sRGB: it clips to pure sRGB red.
        let red = try #require(converted.pixel(x: 0, y: 0)).map(Int.init)
        #expect(red[0] == 255 && red[1] <= 2 && red[2] <= 2)
        // The mid colour really moved (P3 is not sRGB).
        #expect(converted.pixel(x: 2, y: 0) != [200, 100, 50])
    }

    @Test func alphaIsCopiedAndSRGBIsIdentity() throws {
        let srgb = try Self.profile(primaries: Self.srgbPrimaries)
        let image = try Image(width: 16, height: 8, layout: .rgba, pixels: (0..<16 * 8 * 4).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let out = try ColourConverter.convertToSRGB(image, iccProfile: srgb)
        #expect(out.layout == .rgba)
        for (a, b) in zip(out.pixels, image.pixels) { #expect(abs(Int(a) - Int(b)) <= 1) }
        for i in stride(from: 3, to: out.pixels.count, by: 4) { #expect(out.pixels[i] == image.pixels[i]) }
        // No profile: sRGB already, unchanged.
        #expect(try ColourConverter.convertToSRGB(image, iccProfile: nil) == image)
    }

    @Test func grayProfilesConvertGrayPixels() throws {
        let linearGray = try Self.profile(grayGamma: 1.0)
        #expect(try ColourConverter.profileColourSpace(linearGray) == "GRAY")
        let image = try Image(width: 3, height: 1, layout: .grayAlpha, pixels: [0, 255, 128, 200, 255, 9])
        let out = try ColourConverter.convertToSRGB(image, iccProfile: linearGray)
        #expect(out.layout == .grayAlpha)
        // Linear 128/255 is sRGB-encoded as 188.
        let mid = try #require(out.pixel(x: 1, y: 0))
        #expect(abs(Int(mid[0]) - Self.encode(128.0 / 255)) <= 1 && mid[1] == 200)
        #expect(out.pixel(x: 0, y: 0) == [0, 255] && out.pixel(x: 2, y: 0)?[0] == 255)
        // A gray profile on RGB pixels is refused by name.
        let rgb = try Image(width: 1, height: 1, layout: .rgb, filledWith: 5)
        #expect(throws: ColourError.profileMismatch(profileSpace: "GRAY", layout: .rgb)) {
            try ColourConverter.convertToSRGB(rgb, iccProfile: linearGray)
        }
    }

    @Test func corruptProfilesGiveErrorsNamingTheProblem() throws {
        let p3 = try Self.profile(primaries: Self.p3Primaries)
        let image = try Image(width: 2, height: 2, layout: .rgb, filledWith: 100)
        func message(_ profile: [UInt8]) -> String {
            do { _ = try ColourConverter.convertToSRGB(image, iccProfile: profile); return "no error" } catch { return error.description }
        }
        #expect(message(Array(p3.prefix(60))).contains("shorter than the 128-byte header"))
        #expect(message(Array(p3.prefix(p3.count - 40))).contains("truncated"))
        var unsigned = p3
        unsigned[36] = UInt8(ascii: "x")
        #expect(message(unsigned).contains("'acsp' signature is missing"))
        var scrambled = p3
        for i in 128..<min(scrambled.count, 200) { scrambled[i] = 0xFF }
        let text = message(scrambled)
        #expect(text.contains("ICC profile") && text != "no error", "\(text)")
    }
}
