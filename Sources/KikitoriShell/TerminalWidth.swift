import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The columns of the terminal on standard output, for tables and the review; 80 when standard
/// output is not a terminal (a pipe, a file), so piped output does not depend on a window.
public enum TerminalWidth {
    public static func columns() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return 80 }
        return Int(size.ws_col)
    }
}
