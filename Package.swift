// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "consent-doctor",
    products: [
        .library(name: "ConsentDoctor", targets: ["ConsentDoctor"]),
        .executable(name: "consent-doctor", targets: ["consent-doctor"]),
        .executable(name: "consent-doctor-emulator", targets: ["consent-doctor-emulator"]),
    ],
    targets: [
        // System libraries from Debian: libxml2-dev and libcurl4-openssl-dev.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),

        // All diagnosis, Graph, remediation and report logic. It never prints or exits.
        .target(
            name: "ConsentDoctor",
            dependencies: ["CLibXML2", "CCurl", "CCurlShim"]
        ),

        // The Graph, token and managed-identity emulator used by tests, the demo and benchmarks.
        .target(name: "GraphEmulator"),

        .executableTarget(name: "consent-doctor", dependencies: ["ConsentDoctor"]),
        .executableTarget(name: "consent-doctor-emulator", dependencies: ["GraphEmulator"]),

        // Shared helpers for tests: fixture paths, running the built binaries, starting the emulator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "ConsentDoctorTests", dependencies: ["ConsentDoctor", "TestSupport", "CLibXML2", "GraphEmulator"]),
        .testTarget(name: "GraphEmulatorTests", dependencies: ["GraphEmulator", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "CLibXML2", "GraphEmulator"]),
    ]
)
