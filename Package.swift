// swift-tools-version:6.2
import PackageDescription

/// Flags for the x86-64-v3 (AVX2 + FMA + BMI2) builds of the SIMD cores. The public API
/// picks those builds at run time after a CPU-feature check, so nothing here is required
/// of the machine that runs Darkroom.
let x86v3: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]

let package = Package(
    name: "Darkroom",
    products: [
        .executable(name: "darkroom", targets: ["darkroom"]),
        .library(name: "Pixels", targets: ["Pixels"]),
        .library(name: "Codecs", targets: ["Codecs"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // The run-time CPU-feature check that picks between plain and x86-64-v3 builds.
        .target(name: "CPUDispatch"),

        // Resampling cores: a portable build and an x86-64-v3 build of the same code.
        .target(name: "PixelKernels"),
        .target(name: "PixelKernelsV3", dependencies: ["PixelKernels"], swiftSettings: x86v3),

        // Images and pixel operations: no files, no formats; only their own kernels.
        .target(name: "Pixels", dependencies: ["PixelKernels", "PixelKernelsV3", "CPUDispatch"]),

        // The C shim: libpng's and libjpeg's setjmp/longjmp error handling.
        .target(
            name: "CCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("z")]
        ),
        // libwebp (decode, encode, mux, demux) is safe to call from Swift directly.
        .systemLibrary(
            name: "CWebP",
            pkgConfig: "libwebpmux",
            providers: [.apt(["libwebp-dev"])]
        ),

        // libdeflate: whole-buffer inflate for the fast PNG path.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),

        // Little CMS 2: ICC colour conversion (no setjmp, safe to call from Swift).
        .systemLibrary(name: "CLCMS", pkgConfig: "lcms2", providers: [.apt(["liblcms2-dev"])]),

        // Base64 cores: a portable build and an x86-64-v3 build of the same code.
        .target(name: "Base64Kernels"),
        .target(name: "Base64KernelsV3", dependencies: ["Base64Kernels"], swiftSettings: x86v3),

        .target(name: "Codecs", dependencies: ["Pixels", "CCodecs", "CWebP", "CDeflate", "CLCMS", "Base64Kernels", "Base64KernelsV3", "CPUDispatch"]),

        // The images API: request/response models, model catalogue, validation, the Together
        // client, the offline generator and the request cache.
        .target(
            name: "Generation",
            dependencies: [
                "Codecs", "Pixels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources/models.json")]
        ),

        // Pipeline files (YAML), planning of sweeps, the stage chain every command runs, the
        // runner (streaming, journal, shards).
        .target(
            name: "Pipeline",
            dependencies: ["Generation", "Codecs", "Pixels", .product(name: "Yams", package: "Yams")]
        ),

        .executableTarget(
            name: "darkroom",
            dependencies: ["Pipeline", "Codecs", "Pixels", "Generation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "PixelsTests", dependencies: ["Pixels", "PixelKernels", "PixelKernelsV3", "Codecs", "DarkroomTestSupport"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "Pixels", "Base64Kernels", "CLCMS", "DarkroomTestSupport"]),
        // What several test targets share: running the built `darkroom` for the end-to-end
        // tests, and the EXIF orientation grid.
        .target(name: "DarkroomTestSupport", dependencies: ["Pixels"], path: "Tests/Support"),
        .testTarget(name: "DarkroomCLITests", dependencies: ["Codecs", "Pixels", "DarkroomTestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Generation", "Codecs", "Pixels", "DarkroomTestSupport"]),
        .testTarget(
            name: "GenerationTests",
            dependencies: [
                "Generation", "Codecs", "Pixels", "DarkroomTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
