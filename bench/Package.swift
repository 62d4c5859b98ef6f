// swift-tools-version:6.1
import PackageDescription

/// Builds ordo-one's malloc interposer (`libMallocInterposerSwift.so`) for `lurker bench`, which finds it at run
/// time when preloaded, so the `lurker` binary itself never links it. `scripts/bench` builds and preloads it.
let package = Package(
    name: "lurker-bench",
    dependencies: [
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.6.1")
    ],
    targets: [
        .executableTarget(
            name: "InterposerCheck",
            dependencies: [.product(name: "MallocInterposerSwift", package: "malloc-interposer")]
        )
    ],
    swiftLanguageModes: [.v6]
)
