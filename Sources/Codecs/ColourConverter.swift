import CLCMS
import Pixels

/// Converts images from the colour space their embedded ICC profile describes to sRGB,
/// with Little CMS 2. Images without a profile are taken to be sRGB already.
public enum ColourConverter {
    /// The image's pixels in sRGB.
    ///
    /// RGB and RGBA pixels need an RGB profile, gray and gray+alpha pixels a gray one
    /// (converted to gray with the sRGB tone curve). Alpha is copied unchanged;
    /// premultiplied images are un-premultiplied first and returned straight. The result
    /// is meant to be written without a profile (or with an sRGB one): browsers take
    /// untagged images as sRGB.
    /// - Parameters:
    ///   - image: 8-bit pixels in the profile's colour space.
    ///   - iccProfile: The embedded profile, or `nil` for sRGB (the image is returned
    ///     unchanged).
    ///   - intent: Rendering intent; relative colorimetric by default.
    /// - Throws: `ColourError` when the profile is damaged, does not match the pixels, or
    ///   Little CMS cannot build the transform.
    public static func convertToSRGB(
        _ image: Image, iccProfile: [UInt8]?, intent: RenderingIntent = .relativeColorimetric
    ) throws(ColourError) -> Image {
        guard let iccProfile else { return image }
        let space = try profileColourSpace(iccProfile)
        let wantsGray = !image.layout.isColour
        guard space == (wantsGray ? "GRAY" : "RGB") else { throw .profileMismatch(profileSpace: space, layout: image.layout) }
        guard let source = iccProfile.withUnsafeBytes({ cmsOpenProfileFromMem($0.baseAddress, cmsUInt32Number($0.count)) }) else {
            throw .invalidProfile(reason: "Little CMS could not read its header or tag table")
        }
        defer { cmsCloseProfile(source) }
        guard let destination = wantsGray ? sRGBGrayProfile() : cmsCreate_sRGBProfile() else {
            throw .transformFailed(profileSpace: space)
        }
        defer { cmsCloseProfile(destination) }
        let format: cmsUInt32Number = switch image.layout {
        case .gray: pixelType(colourSpace: 3, channels: 1, extra: 0)
        case .grayAlpha: pixelType(colourSpace: 3, channels: 1, extra: 1)
        case .rgb: pixelType(colourSpace: 4, channels: 3, extra: 0)
        case .rgba: pixelType(colourSpace: 4, channels: 3, extra: 1)
        }
        let lcmsIntent: cmsUInt32Number = intent == .perceptual ? cmsUInt32Number(INTENT_PERCEPTUAL) : cmsUInt32Number(INTENT_RELATIVE_COLORIMETRIC)
        let flags = cmsUInt32Number(cmsFLAGS_COPY_ALPHA)
        guard let transform = cmsCreateTransform(source, format, destination, format, lcmsIntent, flags) else {
            throw .transformFailed(profileSpace: space)
        }
        defer { cmsDeleteTransform(transform) }
        let straight = image.unpremultiplied()
        let inStride = straight.rowStride
        guard let out = try? Image(width: image.width, height: image.height, layout: image.layout, initializer: { dst, outStride in
            straight.withUnsafeBytes { src in
                cmsDoTransformLineStride(transform, src.baseAddress, dst.baseAddress, cmsUInt32Number(image.width),
                                         cmsUInt32Number(image.height), cmsUInt32Number(inStride), cmsUInt32Number(outStride), 0, 0)
            }
        }) else { throw .transformFailed(profileSpace: space) }
        return out
    }

    /// The colour space a profile's header names (`RGB`, `GRAY`, `CMYK`, `Lab`, …),
    /// after checking that the bytes look like an ICC profile at all.
    /// - Throws: `ColourError.invalidProfile` naming what is wrong.
    public static func profileColourSpace(_ profile: [UInt8]) throws(ColourError) -> String {
        guard profile.count >= 132 else {
            throw .invalidProfile(reason: "it is \(profile.count) bytes, shorter than the 128-byte header and tag count")
        }
        let declared = profile[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard declared <= profile.count else {
            throw .invalidProfile(reason: "its header declares \(declared) bytes but only \(profile.count) are present (truncated)")
        }
        guard Array(profile[36..<40]) == Array("acsp".utf8) else {
            throw .invalidProfile(reason: "the 'acsp' signature is missing at byte 36, so it is not an ICC profile")
        }
        let raw = String(decoding: profile[16..<20], as: UTF8.self)
        return String(raw.reversed().drop { $0 == " " }.reversed())
    }

    /// A gray profile with the D65 white point and the sRGB tone curve.
    private static func sRGBGrayProfile() -> cmsHPROFILE? {
        var parameters: [cmsFloat64Number] = [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045]
        guard let curve = cmsBuildParametricToneCurve(nil, 4, &parameters) else { return nil }
        defer { cmsFreeToneCurve(curve) }
        var white = cmsCIExyY(x: 0.3127, y: 0.3290, Y: 1)
        return cmsCreateGrayProfile(&white, curve)
    }

    /// Little CMS's pixel format word (its `TYPE_*_8` macros, which Swift cannot import):
    /// colour space, extra channels, colour channels, 1 byte per sample.
    private static func pixelType(colourSpace: UInt32, channels: UInt32, extra: UInt32) -> cmsUInt32Number {
        (colourSpace << 16) | (extra << 7) | (channels << 3) | 1
    }
}
