#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Lookup tables between 8-bit sRGB samples and linear light on the 0–255 float scale the
/// resampler works in, built once.
enum SRGBTable {
    /// Entries of `fromLinear`: 14 bits, so one step near black is 0.2 of an sRGB level.
    static let outputSize = 16384

    /// sRGB sample → linear light × 255 (IEC 61966-2-1 transfer function).
    static let toLinear: [Float] = (0..<256).map { Float(decode(Double($0) / 255) * 255) }

    /// Sample → itself as a float: the "table" of gamma-space premultiplication.
    static let identity: [Float] = (0..<256).map { Float($0) }

    /// Linear light quantised to `outputSize` steps → the nearest sRGB sample.
    static let fromLinear: [UInt8] = (0..<outputSize).map {
        UInt8((encode(Double($0) / Double(outputSize - 1)) * 255).rounded())
    }

    /// The sRGB transfer function, encoded value (0–1) → linear light (0–1).
    static func decode(_ v: Double) -> Double {
        v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    /// The inverse transfer function, linear light (0–1) → encoded value (0–1).
    static func encode(_ v: Double) -> Double {
        v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055
    }
}
