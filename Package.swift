// swift-tools-version: 6.2
import PackageDescription

/// onejob: a per-job container entrypoint. See ARCHITECTURE in README.md for the module map.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "onejob",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "onejob", targets: ["Handler"]),
        .library(name: "Runtime", targets: ["Runtime"]),
        .library(name: "SigV4", targets: ["SigV4"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        // `onejob serve`: the CloudEvents HTTP endpoint (HTTP/1 parsing is not ours to write).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // MARK: - C: headers, link lines and typed wrappers only
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        /// 3MF uploads are zip archives: counting what they really inflate to needs zlib.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: - Swift
        .target(name: "SigV4", dependencies: ["CCrypto"], swiftSettings: strict),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CCurlShims"], swiftSettings: strict),
        .target(name: "S3", dependencies: ["SigV4", "HTTPClient"], swiftSettings: strict),
        .target(
            name: "Runtime",
            dependencies: [
                "SigV4",
                "HTTPClient",
                "S3",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "Handler",
            dependencies: [
                "Runtime",
                "HTTPClient",
                "S3",
                "CZlib",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Resources/blender")],
            swiftSettings: strict
        ),

        // MARK: - Tests
        /// Shared fixtures of the test targets: the SeaweedFS server, child processes, boto3 checks.
        .target(
            name: "TestSupport", dependencies: ["S3", "SigV4", "HTTPClient"], path: "Tests/TestSupport",
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], swiftSettings: strict),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "S3Tests", dependencies: ["S3", "SigV4", "HTTPClient", "TestSupport"], exclude: ["Credentials/Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "RuntimeTests", dependencies: ["Runtime", "HTTPClient", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "HandlerTests", dependencies: ["Handler", "Runtime", "TestSupport"], swiftSettings: strict),
    ]
)

// MARK: - Fuzzing (only with ONEJOB_FUZZ=1)
/// `make fuzz` (fuzz/build.sh) builds libFuzzer targets in their own scratch path, `.build-fuzz`, with this
/// variable set; every other build sees the package above unchanged. An executable cannot be imported, so the
/// Handler files that parse untrusted input are compiled into a library of their own here, and the Handler
/// executable and the test targets are left out of that build.
if Context.environment["ONEJOB_FUZZ"] == "1" {
    package.products = []
    package.targets.removeAll { $0.type == .test || $0.name == "Handler" || $0.name == "TestSupport" }
    package.targets.append(
        .target(
            name: "HandlerParsers",
            dependencies: ["Runtime"],
            path: "Sources/Handler",
            sources: [
                // What the fuzz targets test:
                "LDraw", "Mesh/STLReader.swift", "Mesh/ASCIISTLParser.swift", "Serve/IncomingEvent.swift",
                "Serve/ServeError.swift", "Kinds/TextMesh/TextMeshParams.swift", "Kinds/LDrawSVG/LDrawSVGParams.swift",
                "Kinds/ArtPrint/ArtPrintParams.swift", "Kinds/SliceQuote/SliceQuoteParams.swift",
                // and what those files need to compile:
                "Mesh/Triangle.swift", "Mesh/SIMD3+Geometry.swift", "Mesh/ModelRotation.swift",
                "Kinds/TextMesh/TextMeshParams+Schema.swift", "Kinds/TextMesh/TextMeshFormat.swift",
                "Kinds/LDrawSVG/LDrawSVGParams+Schema.swift", "Kinds/ArtPrint/ArtPrintParams+Schema.swift",
                "Kinds/ArtPrint/ArtPrintStyle.swift", "Kinds/ArtPrint/PrintPreset.swift",
                "Kinds/ArtPrint/PresetListing.swift", "Kinds/SliceQuote/SliceQuoteParams+Schema.swift",
                "Kinds/SliceQuote/Pricing.swift", "Kinds/SliceQuote/Money.swift", "PrusaSlicer/Material.swift",
                "PrusaSlicer/PrinterCatalog.swift", "PrusaSlicer/PrusaSlicerCommand.swift",
            ],
            swiftSettings: strict))
    package.targets.append(.target(name: "FuzzSupport", path: "fuzz/support", swiftSettings: strict))
    let fuzzers: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
        ("FuzzJobDecoder", "job-decoder", ["Runtime", "HandlerParsers"]),
        ("FuzzCloudEvent", "cloud-event", ["Runtime", "HandlerParsers"]),
        ("FuzzLDraw", "ldraw", ["Runtime", "HandlerParsers"]),
        ("FuzzSTL", "stl", ["Runtime", "HandlerParsers"]),
        ("FuzzSigV4", "sigv4", ["SigV4"]),
    ]
    for fuzzer in fuzzers {
        package.targets.append(
            .executableTarget(
                name: fuzzer.name, dependencies: fuzzer.dependencies + ["FuzzSupport"], path: "fuzz/\(fuzzer.folder)",
                swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]))
    }
}
