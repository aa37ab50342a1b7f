import Foundation
import Testing


/// The repository root: commands run from here so that `questionnaires/` is found as a user would.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What a command printed and how it exited.
struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
    /// Killed after the time limit: a hang, which no input may cause.
    var timedOut = false
}

/// The `kikitori` binary that `swift build` put beside the test bundle.
let kikitoriBinary: URL = {
    if let path = ProcessInfo.processInfo.environment["KIKITORI_BIN"] { return URL(fileURLWithPath: path) }
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("kikitori")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    return repositoryRoot.appendingPathComponent(".build/debug/kikitori")
}()

/// Runs `kikitori` with `arguments`, from `directory` (the repository by default), with a clean locale.
func kikitori(
    _ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:],
    input: String? = nil, timeLimit: TimeInterval = 120
) throws -> CommandResult {
    try command([kikitoriBinary.path] + arguments, in: directory, environment: extra, input: input, timeLimit: timeLimit)
}

/// Runs any program (the first argument, by path) as the tests run kikitori: a clean locale and
/// no KIKITORI_* settings; `path` goes before $PATH.
func command(
    _ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:], path: String? = nil,
    input: String? = nil, timeLimit: TimeInterval = 120
) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    for key in ["LANG", "LC_ALL", "LC_MESSAGES", "KIKITORI_DB", "KIKITORI_QUESTIONNAIRES"] { environment[key] = nil }
    environment["LANG"] = "C.UTF-8"
    if let path { environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin") }
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let stdin = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    let watchdog = DispatchWorkItem { kill(process.processIdentifier, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
    defer { watchdog.cancel() }
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes before waiting, so a chatty command cannot fill a pipe and block.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
        status: process.terminationStatus, timedOut: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
}

/// Another program holding `database`'s write lock for `seconds` (Python's sqlite3, BEGIN IMMEDIATE);
/// returns once the lock is held.
func holdWriteLock(on database: String, seconds: Int) throws -> Process {
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = ["python3", "-c", """
        import sqlite3, sys, time
        db = sqlite3.connect(sys.argv[1], isolation_level=None); db.execute('BEGIN IMMEDIATE')
        print('locked', flush=True); time.sleep(\(seconds)); db.execute('ROLLBACK')
        """, database]
    let pipe = Pipe()
    holder.standardOutput = pipe
    try holder.run()
    _ = pipe.fileHandleForReading.availableData
    return holder
}
