// swift-tools-version:6.0
// g2t: genome to therapy. Layers import only those below them:
// CHTSlib → HTS → G2TCore (CLibCrypto → Checksum beside them) → {Calling, Annotation, Knowledge, Scoring, Interpretation → Reporting} → Pipeline → g2t
import PackageDescription

let package = Package(
    name: "g2t",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "g2t", targets: ["g2t"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
    ],
    targets: [
        // htslib as a system library; the umbrella header also holds the static-inline shims
        // for htslib's function-like macros.
        .systemLibrary(
            name: "CHTSlib",
            path: "Sources/CHTSlib",
            pkgConfig: "htslib",
            providers: [.apt(["libhts-dev"])]
        ),
        // OpenSSL's libcrypto as a system library (htslib's own dependency), for SHA-256 only.
        .systemLibrary(
            name: "CLibCrypto",
            path: "Sources/CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // SHA-256 of inputs, outputs and the knowledge base: the only module that touches libcrypto.
        .target(name: "Checksum", dependencies: ["CLibCrypto"]),
        // The only module that touches htslib pointers.
        .target(name: "HTS", dependencies: ["CHTSlib"]),
        // Value types shared by every stage, and the bundled gene panel.
        .target(name: "G2TCore", exclude: ["Data"]),
        .target(name: "Calling", dependencies: ["G2TCore", "HTS"]),
        .target(name: "Annotation", dependencies: ["G2TCore"]),
        .target(name: "Knowledge", dependencies: [
            "G2TCore", "Checksum",
        ], exclude: ["Data"]),
        .target(name: "Scoring", dependencies: ["G2TCore", "Knowledge"]),
        // The clinical summary (what a report states), decided from the analysis; Reporting words it.
        .target(name: "Interpretation", dependencies: ["G2TCore"]),
        .target(name: "Reporting", dependencies: [
            "G2TCore", "Interpretation",
            .product(name: "Mustache", package: "swift-mustache"),
        ], exclude: ["Data"]),
        .target(name: "Pipeline", dependencies: [
            "G2TCore", "HTS", "Calling", "Annotation", "Knowledge", "Scoring", "Reporting", "Checksum",
        ], plugins: ["BuildInfoPlugin"]),
        // Records the git commit of the build (reports carry it).
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .executableTarget(name: "g2t", dependencies: [
            "Pipeline", "G2TCore", "Annotation", "Knowledge", "Scoring", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "HTSTests", dependencies: ["HTS", "CHTSlib", "TestSupport"]),
        .testTarget(name: "G2TCoreTests", dependencies: ["G2TCore", "TestSupport"]),
        .testTarget(name: "CallingTests", dependencies: ["Calling", "HTS", "G2TCore", "TestSupport"]),
        .testTarget(name: "AnnotationTests", dependencies: ["Annotation", "G2TCore", "TestSupport"]),
        .testTarget(name: "KnowledgeTests", dependencies: ["Knowledge", "G2TCore", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Knowledge", "G2TCore", "TestSupport"]),
        .testTarget(name: "InterpretationTests", dependencies: ["Interpretation", "G2TCore", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: [
            "Reporting", "G2TCore", "TestSupport",
            // swift-mustache renders the report template in ReportTemplateTests, to compare with ReportTemplate.
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "G2TCore", "HTS", "Knowledge", "Reporting", "Checksum", "TestSupport"]),
        .testTarget(name: "g2tTests", dependencies: ["TestSupport"], exclude: ["Golden"]),
        // Helpers for tests: locating TestData, running external tools, temp dirs.
        .target(name: "TestSupport", dependencies: ["Calling", "G2TCore", "HTS"], path: "Tests/TestSupport"),
    ]
)
