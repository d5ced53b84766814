// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pipeline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pipeline", targets: ["PipelineCLI"]),
        .executable(name: "pipeline-bench", targets: ["PipelineBench"]),
        .library(name: "PipelineLanguage", targets: ["PipelineLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // Facts of the Magic Hour API shared by the validator, the planner, the client and the fake:
        // the dated model catalog (resolutions, durations, audio, end image, prices). No dependencies.
        .target(name: "MagicHourRules"),
        // The one redaction of the Magic Hour API key (and its derived forms) that every error text
        // passes through before it reaches output or the store. Only NIO's locks, so every layer can use it.
        .target(
            name: "SecretRedaction",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        // Facts every layer shares: Duration in seconds, the file SHA-256, hex text, and the one
        // thread pool for blocking work (NIOThreadPool). Small, so the lowest modules can use it.
        .target(
            name: "PipelineBasics",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Production client of the Magic Hour REST API (AsyncHTTPClient).
        .target(
            name: "MagicHour",
            dependencies: [
                "MagicHourRules",
                "PipelineBasics",
                "SecretRedaction",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A faithful fake of the Magic Hour API served over real HTTP on loopback (Hummingbird).
        .target(
            name: "MagicHourFake",
            dependencies: [
                "MagicHourRules",
                "PipelineBasics",
                "PipelineMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The language: YAML syntax tree with marks, diagnostics, expressions, validation, planning.
        // No networking here, so it can be tested and benchmarked alone.
        .target(
            name: "PipelineLanguage",
            dependencies: [
                "MagicHourRules",
                "PipelineBasics",
                "PipelineMedia",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The state store: runs, tasks, the cache and the paid-work journal, in SQLite (GRDB),
        // behind the `StateStore` protocol; plus the per-pipeline run lock.
        .target(
            name: "PipelineStore",
            dependencies: [
                "PipelineBasics",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The state store in PostgreSQL (postgres-nio), for a ledger several machines share; plus
        // the run lock as a PostgreSQL session advisory lock.
        .target(
            name: "PipelinePostgres",
            dependencies: [
                "PipelineStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // libvips' headers from Debian's libvips-dev, with GLib (linked: it starts in under a
        // millisecond); and a C shim for its variadic calls that loads libvips itself on first use,
        // so that commands which resize nothing do not bind its hundred libraries at start-up.
        .systemLibrary(
            name: "CVips", path: "Sources/CVips", pkgConfig: "gobject-2.0",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        // Image resizing through libvips: streaming, shrink-on-load, EXIF orientation, sRGB.
        .target(name: "PipelineImaging", dependencies: ["CVipsShim"]),
        // libavformat's and libavutil's headers from Debian's `libavformat-dev` (in the multiarch include
        // folder, so no pkg-config and nothing linked); its shim header gives Swift the macros.
        .systemLibrary(
            name: "CAVFormat", path: "Sources/CAVFormat",
            providers: [.apt(["libavformat-dev"]), .brew(["ffmpeg"])]
        ),
        // The libav functions PipelineMedia calls, from a libavformat loaded on first use.
        .target(name: "CAVFormatShim", dependencies: ["CAVFormat"]),
        // Media files read through libavformat: duration, audio and video tracks, picture size, frame rate.
        .target(name: "PipelineMedia", dependencies: ["CAVFormat", "CAVFormatShim"]),
        // The engine: task status (cached, resumable, uncertain, to run), the scheduler, events,
        // and a run from lock to summary. Stage types plug in through `StageExecutor`.
        .target(
            name: "PipelineEngine",
            dependencies: [
                "MagicHourRules", "PipelineBasics", "PipelineLanguage", "PipelineStore", "SecretRedaction",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The stage executors: image.resize, magic_hour.image_to_video, one for every generation
        // endpoint (EndpointExecutor, from MagicHourRules' catalog), download, rename.
        .target(
            name: "PipelineStages",
            dependencies: [
                "MagicHourRules", "PipelineBasics", "PipelineLanguage", "PipelineStore", "PipelineEngine",
                "PipelineImaging", "PipelineMedia", "MagicHour",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // `pipeline report`: one run as a self-contained HTML page (model from the store, then the writer).
        .target(
            name: "PipelineReport",
            dependencies: ["PipelineStore", "PipelineLanguage", "PipelineImaging"]
        ),
        // The `pipeline` executable: parses arguments and wires the modules together.
        .executableTarget(
            name: "PipelineCLI",
            dependencies: [
                "MagicHourRules",
                "PipelineBasics",
                "PipelineLanguage",
                "PipelineEngine",
                "PipelineStages",
                "PipelineStore",
                "PipelinePostgres",
                "MagicHour",
                "MagicHourFake",
                "PipelineReport",
                "SecretRedaction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // `pipeline-bench`: one subcommand per performance figure.
        .executableTarget(
            name: "PipelineBench",
            dependencies: [
                "PipelineBasics",
                "PipelineLanguage",
                "PipelineEngine",
                "PipelineStages",
                "PipelineImaging",
                "PipelineStore",
                "PipelinePostgres",
                "MagicHour",
                "MagicHourFake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "PipelineBasicsTests",
            dependencies: ["PipelineBasics", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        .testTarget(
            name: "PipelineLanguageTests",
            dependencies: [
                "MagicHourRules", "PipelineLanguage", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MagicHourTests",
            dependencies: [
                "MagicHour",
                "MagicHourFake",
                "MagicHourRules",
                "SecretRedaction",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "PipelineStoreTests",
            dependencies: [
                "PipelineBasics", "PipelineStore", "PipelinePostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "PipelineImagingTests",
            dependencies: ["PipelineImaging"]
        ),
        .testTarget(
            name: "PipelineMediaTests",
            dependencies: [
                "PipelineBasics", "PipelineMedia",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "PipelineEngineTests",
            dependencies: ["PipelineBasics", "PipelineEngine", "PipelineLanguage", "PipelineStore"]
        ),
        .testTarget(
            name: "PipelineStagesTests",
            dependencies: [
                "PipelineStages", "PipelineEngine", "PipelineStore", "PipelineImaging", "PipelineLanguage", "MagicHour",
                "MagicHourFake",
            ]
        ),
        .testTarget(
            name: "PipelineReportTests",
            dependencies: ["PipelineReport", "PipelineStore", "PipelineLanguage", "PipelineImaging"]
        ),
        // Checks of the repository itself: function lengths in Sources, the README's module graph.
        .testTarget(name: "RepositoryTests"),
        .testTarget(
            name: "PipelineCLITests",
            dependencies: [
                "MagicHourRules", "PipelineLanguage", "PipelineCLI",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)
