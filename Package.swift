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
