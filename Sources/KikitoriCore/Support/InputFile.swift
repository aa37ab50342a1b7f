import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a file a user named: a regular file only (a FIFO with no writer would block forever, and
/// `/dev/zero` never ends), and no more than `limit` bytes.
public enum InputFile {
    public enum Failure: Error, Equatable, Sendable {
        case missing(String)
        case notRegularFile(String)
        case tooLarge(String, bytes: Int, limit: Int)
        case unreadable(String, reason: String)
    }

    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path) }
            throw .unreadable(path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path) }
        let size = Int(status.st_size)
        guard size <= limit else { throw .tooLarge(path, bytes: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let result = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + done, size - done)
            }
            if result < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(path, reason: String(cString: strerror(errno)))
            }
            if result == 0 { break }
            done += result
        }
        return Array(bytes.prefix(done))
    }
}
