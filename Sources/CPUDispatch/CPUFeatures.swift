#if arch(x86_64)
import _Builtin_intrinsics.intel.cpuid
#endif

/// What the running CPU and OS support, read once with `cpuid`. This file is compiled for
/// the baseline CPU, so it is safe to run anywhere; it decides whether code built for
/// x86-64-v3 may run.
public enum CPUFeatures {
    /// True if the CPU has every x86-64-v3 feature (AVX, AVX2, BMI1, BMI2, F16C, FMA,
    /// LZCNT, MOVBE, XSAVE) and the OS saves the YMM registers across context switches.
    /// Always false off x86-64.
    public static let isX86_64v3: Bool = detectX86_64v3()

    private static func detectX86_64v3() -> Bool {
        #if arch(x86_64)
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        // __get_cpuid_count returns 0 when the leaf is above the CPU's maximum.
        guard __get_cpuid_count(1, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let fma = ecx & (1 << 12) != 0
        let movbe = ecx & (1 << 22) != 0
        let xsave = ecx & (1 << 26) != 0
        let osxsave = ecx & (1 << 27) != 0  // the OS has enabled XGETBV and XSAVE
        let avx = ecx & (1 << 28) != 0
        let f16c = ecx & (1 << 29) != 0
        guard fma, movbe, xsave, osxsave, avx, f16c else { return false }

        guard __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let bmi1 = ebx & (1 << 3) != 0
        let avx2 = ebx & (1 << 5) != 0
        let bmi2 = ebx & (1 << 8) != 0
        guard bmi1, avx2, bmi2 else { return false }

        guard __get_cpuid_count(0x8000_0001, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let lzcnt = ecx & (1 << 5) != 0
        guard lzcnt else { return false }

        return osSavesYMM()
        #else
        return false
        #endif
    }

    #if arch(x86_64)
    /// Whether XCR0 has the SSE and AVX state bits set (the OS saves XMM and YMM registers).
    ///
    /// XGETBV, which reads XCR0, is reachable from Swift only through a C macro, so this
    /// reads XCR0 through CPUID leaf 0xD instead: sub-leaf 0 gives in EBX the XSAVE area size
    /// "required by enabled features in XCR0", and sub-leaf 2 the offset and size of the
    /// AVX (YMM) component in that area. The area reaches past the YMM component only if the
    /// OS enabled it or a later component. AVX-512 state cannot be enabled without YMM
    /// state; only an OS that enabled MPX or PKRU state while switching AVX state off would
    /// pass this check wrongly, and no OS does that unless AVX is deliberately disabled.
    private static func osSavesYMM() -> Bool {
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        guard __get_cpuid_count(0xD, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let supportedMask = UInt64(edx) << 32 | UInt64(eax)
        let enabledSize = ebx
        guard supportedMask & 0b110 == 0b110 else { return false }
        guard __get_cpuid_count(0xD, 2, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let ymmSize = eax, ymmOffset = ebx
        guard ymmSize != 0, ymmOffset != 0 else { return false }
        return enabledSize >= ymmOffset + ymmSize
    }
    #endif
}
