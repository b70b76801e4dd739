/// A marker type naming the build a generic kernel is specialised for. Kernels take the
/// target as a type parameter only so that each module that supplies its own target type
/// (the portable build here, `PixelKernelsV3` for x86-64-v3) must compile its own copy of
/// every core function with its own instruction set, instead of calling this module's.
public protocol KernelTarget {}

/// The target of this module's own, portable build.
public enum PortableTarget: KernelTarget {}
