import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a pseudo-terminal, so readline is active as for a person at a keyboard.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Everything the program has written so far.
    private(set) var screen = ""

    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); screen so far:\n\(screen)" }
    }

    init(_ executable: URL, arguments: [String], directory: URL, environment: [String: String]) throws {
        var window = winsize(ws_row: 50, ws_col: 160, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        // Everything the child needs is prepared before fork: after it, only exec runs.
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        // Sanitizer settings pass through, so `make test-sanitize` configures these children too.
        var environment = environment
        for key in ["ASAN_OPTIONS", "TSAN_OPTIONS"] { environment[key] = ProcessInfo.processInfo.environment[key] }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let path = strdup(executable.path)
        let cwd = strdup(directory.path)
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        let pid = forkpty(&master, nil, nil, &window)
        if pid == 0 {
            // The test runner may block or ignore signals; a person's terminal does neither.
            sigprocmask(SIG_SETMASK, &emptySet, nil)
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
            signal(SIGHUP, SIG_DFL)
            _ = chdir(cwd!)
            execve(path!, argv, envp)
            _exit(127)
        }
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
        free(path)
        free(cwd)
        guard pid > 0 else { throw POSIXError(.EAGAIN) }
        self.pid = pid
        self.master = master
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `text` as keys (use "\r" for Enter, "\t" for Tab, "\u{4}" for Ctrl-D).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the screen shows `text` after what has been matched before; returns what came before it.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = screen.range(of: text) {
                let before = String(screen[..<range.upperBound])
                screen = String(screen[range.upperBound...])
                return before
            }
            guard Date() < deadline else { throw Timeout(waitingFor: text, screen: screen) }
            readAvailable(waitingMilliseconds: 50)
        }
    }

    private func readAvailable(waitingMilliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitingMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { screen += String(decoding: buffer[0..<count], as: UTF8.self) }
    }

    /// Waits for the program to exit; its status, or nil if it did not exit in time.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            readAvailable(waitingMilliseconds: 20)
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
        }
        return nil
    }

    func killHard() {
        kill(pid, SIGKILL)
    }
}
