/// A resampling filter: a weight function and the radius (in source pixels, before
/// widening for downscales) outside which it is zero.
public enum ResamplingKernel: String, Sendable, CaseIterable, Codable {
    /// Nearest neighbour.
    case nearest
    /// Box (area average when shrinking).
    case box
    /// Triangle (bilinear).
    case bilinear
    /// Mitchell–Netravali (B = C = 1/3).
    case mitchell
    /// Catmull-Rom (B = 0, C = 1/2).
    case catrom
    /// Lanczos, two lobes.
    case lanczos2
    /// Lanczos, three lobes (the default, as in sharp and libvips).
    case lanczos3

    /// Radius of the filter at scale 1.
    public var support: Double {
        switch self {
        case .nearest, .box: 0.5
        case .bilinear: 1
        case .mitchell, .catrom, .lanczos2: 2
        case .lanczos3: 3
        }
    }

    /// The filter's weight at distance `x` (in filter units).
    public func weight(_ x: Double) -> Double {
        let x = abs(x)
        switch self {
        case .nearest, .box:
            return x < 0.5 ? 1 : (x == 0.5 ? 0.5 : 0)
        case .bilinear:
            return x < 1 ? 1 - x : 0
        case .mitchell:
            return Self.cubic(x, b: 1.0 / 3, c: 1.0 / 3)
        case .catrom:
            return Self.cubic(x, b: 0, c: 0.5)
        case .lanczos2:
            return x < 2 ? Self.sinc(x) * Self.sinc(x / 2) : 0
        case .lanczos3:
            return x < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
        }
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let px = Double.pi * x
        return sin(px) / px
    }

    private static func cubic(_ x: Double, b: Double, c: Double) -> Double {
        if x < 1 {
            return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6
        }
        if x < 2 {
            return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
        }
        return 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
