import CPUDispatch
import PixelKernels
#if arch(x86_64)
import PixelKernelsV3
#endif

/// A build of the resampling core. Both are compiled from the same source
/// (`PixelKernels.ResampleCore`); resizing uses `active` unless told otherwise.
public enum ResamplerBuild: String, Sendable, CaseIterable {
    /// Compiled for x86-64-v3 (AVX2 + FMA): 8 floats a step.
    case x86_64v3
    /// Compiled for the baseline CPU, for any machine.
    case portable

    /// Whether this build can run on this machine (the portable one always can).
    public var isAvailable: Bool {
        switch self {
        case .x86_64v3:
            #if arch(x86_64)
            return CPUFeatures.isX86_64v3
            #else
            return false
            #endif
        case .portable: return true
        }
    }

    /// The build resizing uses by default: x86-64-v3 when the CPU has it.
    public static let active: ResamplerBuild = ResamplerBuild.x86_64v3.isAvailable ? .x86_64v3 : .portable

    /// Runs a resampling plan on this build of the core, which must be available.
    /// - Parameter plan: the resampling to do; every pointer must stay valid meanwhile.
    public func run(_ plan: ResamplePlan) {
        #if arch(x86_64)
        if self == .x86_64v3 {
            PixelKernelsV3.resample(plan)
            return
        }
        #endif
        ResampleCore.runPortable(plan)
    }
}
