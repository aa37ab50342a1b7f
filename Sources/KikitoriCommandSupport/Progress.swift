import Foundation

/// A progress line on standard error, only when it is a terminal, redrawn at most ten times a second.
package final class Progress {
    private let label: String
    /// Whether anything is drawn; commands skip counting work for a bar nobody sees.
    package let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast
    private var drawn = false

    package init(_ label: String) {
        self.label = label
    }

    package func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let percent = Int(Double(done) / Double(total) * 100)
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        StandardError.draw("\r\(label) \(bar) \(percent)% (\(done)/\(total))")
        drawn = true
    }

    package func finish() {
        if drawn { StandardError.draw("\r\u{1B}[K") }
    }
}
