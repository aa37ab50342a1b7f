// swift-tools-version:6.0
import PackageDescription

// Linux only (Debian's Swift toolchain): the code calls Glibc, glibc's iconv and GNU readline
// directly, so no Apple platform is declared.
let package = Package(
    name: "Kikitori",
    products: [
        .library(name: "Kikitori", targets: ["Kikitori"]),
        .executable(name: "kikitori", targets: ["kikitori"]),
        .executable(name: "kikitori-bench", targets: ["kikitori-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The layers of the library, each a target so that the compiler keeps the direction of every
        // dependency (README, "Architecture"). None does terminal I/O.
        //
        // Core: questionnaires, expressions, the interview engine, answers, tagging, review values.
        // Pure Swift over Yams: no database, no interface language beyond values that carry both.
        .target(
            name: "KikitoriCore",
            dependencies: ["Yams", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Store: the SQLite database through GRDB; hearing sessions, imports and synthetic data write
        // through it. Stores and queries; decides nothing about what may be shown.
        .target(
            name: "KikitoriStore",
            dependencies: [
                "KikitoriCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The library as front ends use it: publication (what may be shown), the report, CSV
        // exports, rendering, and the one catalogue of Japanese and English words. Re-exports the
        // layers below.
        .target(
            name: "Kikitori",
            dependencies: [
                "KikitoriCore", "KikitoriStore",
                .product(name: "Crypto", package: "swift-crypto"),
                // REFI-QDA projects (.qdpx) are zip archives.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // GNU readline, linked from the system (libreadline-dev).
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        // libxlsxwriter, linked from the system (libxlsxwriter-dev): real .xlsx workbooks.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Excel workbooks: the exports' tables as typed sheets, through libxlsxwriter.
        .target(
            name: "KikitoriWorkbook",
            dependencies: ["Kikitori", "CXLSXWriter"]
        ),
        // MeCab, linked from the system (libmecab-dev, with the mecab-ipadic-utf8 dictionary).
        .systemLibrary(
            name: "CMeCab",
            providers: [.apt(["libmecab-dev", "mecab-ipadic-utf8"])]
        ),
        // Exploring free text as KH Coder users do: MeCab words, characteristic words, KWIC and the
        // co-occurrence network.
        .target(
            name: "KikitoriText",
            dependencies: ["Kikitori", "CMeCab"]
        ),
        // The interactive hearing shell: readline, prompts and screens over the library.
        // Swift 5 mode: readline's API is C global state that Swift 6 cannot prove race-free; the
        // shell touches it from the main thread only.
        .target(
            name: "KikitoriShell",
            dependencies: ["Kikitori", "CReadline"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // What every command-line tool shares: the database, language and codebook options, error
        // reporting with exit codes, standard output that reports its failures, progress.
        .target(
            name: "KikitoriCommandSupport",
            dependencies: ["Kikitori", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The command-line front end: one subcommand per file, thin over the library.
        .executableTarget(
            name: "kikitori",
            dependencies: [
                "Kikitori",
                "KikitoriShell",
                "KikitoriWorkbook",
                "KikitoriText",
                "KikitoriCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measuring tools for `make bench` only: phrases, the matcher alone, keyword lists, text
        // dumps, commit latency. Not part of the tool people use.
        .executableTarget(
            name: "kikitori-bench",
            dependencies: [
                "Kikitori",
                "KikitoriCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets.
        .target(
            name: "KikitoriTestSupport",
            path: "Tests/KikitoriTestSupport"
        ),
        .testTarget(
            name: "KikitoriTests",
            dependencies: ["Kikitori", "KikitoriCore", "KikitoriStore", "KikitoriWorkbook", "KikitoriText", "KikitoriTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KikitoriShellTests",
            dependencies: ["Kikitori", "KikitoriShell", "KikitoriTestSupport"]
        ),
        .testTarget(
            name: "KikitoriCLITests",
            dependencies: ["Kikitori", "KikitoriCore", "KikitoriStore", "KikitoriTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            // Read from the repository by path, as the commands would read a user's files.
            exclude: ["BadInput"]
        ),
    ]
)

// libFuzzer targets, only when asked (`make fuzz` sets KIKITORI_FUZZ=1 and builds with
// -sanitize=fuzzer into .build-fuzz): libFuzzer supplies `main`, so they cannot link otherwise.
if Context.environment["KIKITORI_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"))
    for name in ["FuzzExpression", "FuzzQuestionnaire", "FuzzRules", "FuzzImport"] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["Kikitori", "FuzzDriver"], path: "Fuzz/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
