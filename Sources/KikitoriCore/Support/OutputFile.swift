import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file whole or not at all: into a temporary file in a private folder beside it, then
/// renamed over. A failure midway never leaves a half-written report or appendix, and `--force`
/// replaces only a regular file (never a device, a folder or what a symbolic link points at).
public enum OutputFile {
    public enum Failure: Error, Equatable, Sendable {
        case exists(String)
        case notRegularFile(String)
        case cannotWrite(String, reason: String)
    }

    /// The private folder (0700) beside an output where its temporary copy is written.
    public static let temporaryFolderName = ".kikitori-tmp"

    /// - Parameter mode: 0600 for anything that holds internal data, 0644 for public outputs.
    public static func write(_ data: Data, to path: String, force: Bool, mode: mode_t) throws {
        try stream(to: path, force: force, mode: mode) { sink in try sink(data) }
    }

    /// Streams into a temporary file, then renames it over `path`: all or nothing.
    /// `body` gets a sink to write with; if it throws, the temporary file is removed and nothing appears.
    public static func stream(
        to path: String, force: Bool, mode: mode_t, _ body: (@escaping (Data) throws -> Void) throws -> Void
    ) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard force else { throw Failure.exists(path) }
            guard status.st_mode & S_IFMT == S_IFREG else { throw Failure.notRegularFile(path) }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Failure.cannotWrite(path, reason: String(cString: strerror(EACCES)))
            }
        }
        var temporaryFolder = try privateFolder(beside: path)
        let temporary = temporaryFolder + "/" + url.lastPathComponent + ".\(getpid()).tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        if descriptor < 0 && errno == ENOENT {
            // Another run removed the empty folder just now: make it again.
            temporaryFolder = try privateFolder(beside: path)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        }
        guard descriptor >= 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
        var closed = false
        defer {
            if !closed {
                close(descriptor)
                unlink(temporary)
            }
            // Gone when empty, so that it clutters no folder; another run's file keeps it.
            rmdir(temporaryFolder)
        }
        try body { data in
            try data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var written = 0
                while written < raw.count {
                    let result = Glibc.write(descriptor, base + written, raw.count - written)
                    if result < 0 { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
                    written += result
                }
            }
        }
        guard fsync(descriptor) == 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        closed = true
        fchmodat(AT_FDCWD, temporary, mode, 0)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure.cannotWrite(path, reason: reason)
        }
    }

    /// The private temporary folder beside `path` (same disk, so the final rename is atomic), made
    /// 0700, with whatever a killed run left there removed first.
    public static func privateFolder(beside path: String) throws(Failure) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folder = (parent.isEmpty ? "." : parent) + "/" + temporaryFolderName
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else {
            throw .cannotWrite(path, reason: String(cString: strerror(EPERM)))
        }
        chmod(folder, 0o700)
        removeLeftovers(in: folder)
        return folder
    }

    /// Removes temporary files whose writing process is gone (the pid is the name's last number).
    package static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let parts = name.split(separator: ".")
            guard parts.count >= 2, let pid = parts.dropLast().last.flatMap({ Int32($0) }) ?? Int32(parts.last ?? "") else {
                continue
            }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }
}
