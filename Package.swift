// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "lurker",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lurker", targets: ["LurkerCLI"]),
        .library(name: "Lurker", targets: ["Lurker"]),
        .library(name: "RuleDSL", targets: ["RuleDSL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(name: "RuleDSL"),
        .target(
            name: "Lurker",
            dependencies: [
                "CKafka",
                "RuleDSL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "LurkerCLI",
            dependencies: [
                "Lurker",
                "RuleDSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RuleDSLTests", dependencies: ["RuleDSL"]),
        .testTarget(name: "LurkerTests", dependencies: ["Lurker", "RuleDSL", "CKafka"]),
    ],
    swiftLanguageModes: [.v6]
)
