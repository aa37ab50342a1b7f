import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over.
/// A failure midway never leaves a half-written report or appendix.
public enum OutputFile {
    public enum Failure: Error, Equatable, Sendable {
        case exists(String)
        case cannotWrite(String, reason: String)
    }

    /// - Parameter mode: 0600 for anything that holds internal data, 0644 for public outputs.
    public static func write(_ data: Data, to path: String, force: Bool, mode: mode_t) throws(Failure) {
        if !force && FileManager.default.fileExists(atPath: path) { throw .exists(path) }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path, reason: String(cString: strerror(EACCES)))
            }
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        var written = 0
        let failed: Int32? = data.withUnsafeBytes { raw -> Int32? in
            while written < raw.count {
                let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 { return errno }
                written += result
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failed {
            unlink(temporary)
            throw .cannotWrite(path, reason: String(cString: strerror(failed)))
        }
        fchmodat(AT_FDCWD, temporary, mode, 0)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path, reason: reason)
        }
    }
}

extension OutputFile {
    /// Streams into a temporary file beside `path`, then renames it over: all or nothing.
    /// `body` gets a sink to write with; if it throws, the temporary file is removed and nothing appears.
    public static func stream(
        to path: String, force: Bool, mode: mode_t, _ body: (@escaping (Data) throws -> Void) throws -> Void
    ) throws {
        if !force && FileManager.default.fileExists(atPath: path) { throw Failure.exists(path) }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Failure.cannotWrite(path, reason: String(cString: strerror(EACCES)))
            }
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
        var closed = false
        defer {
            if !closed {
                close(descriptor)
                unlink(temporary)
            }
        }
        try body { data in
            try data.withUnsafeBytes { raw in
                var written = 0
                while written < raw.count {
                    let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                    if result < 0 { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
                    written += result
                }
            }
        }
        guard fsync(descriptor) == 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        closed = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure.cannotWrite(path, reason: reason)
        }
    }
}
