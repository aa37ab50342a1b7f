import KikitoriCore
import Foundation
import Synchronization

/// How a write waits for another process that holds the database: how long, and who is told.
///
/// SQLite's plain timeout waits in silence; an interviewer whose answer waits behind a long `tag`
/// run sees a frozen screen. This waits in short sleeps, calls `onWait` once after a second so the
/// front end can say so, and gives up after `limit` (15 s for commands; the shell waits longer, since
/// an answer must not be lost).
public final class LockWait: Sendable {
    private struct State {
        var limit: TimeInterval
        var onWait: (@Sendable () -> Void)?
        var started: Date?
        var told = false
    }

    private let state: Mutex<State>

    package init(limit: TimeInterval) {
        state = Mutex(State(limit: limit))
    }

    /// Waits up to `limit` seconds from now on, telling `onWait` after the first second of a wait.
    public func configure(limit: TimeInterval, onWait: (@Sendable () -> Void)?) {
        state.withLock {
            $0.limit = limit
            $0.onWait = onWait
        }
    }

    /// SQLite's busy handler: true to try again.
    package func shouldRetry(_ tries: Int) -> Bool {
        let now = Date()
        let (elapsed, limit, tell) = state.withLock { state -> (TimeInterval, TimeInterval, (@Sendable () -> Void)?) in
            if tries == 0 || state.started == nil {
                state.started = now
                state.told = false
            }
            let elapsed = now.timeIntervalSince(state.started ?? now)
            var tell: (@Sendable () -> Void)?
            if elapsed >= 1, !state.told {
                state.told = true
                tell = state.onWait
            }
            return (elapsed, state.limit, tell)
        }
        tell?()
        guard elapsed < limit else { return false }
        // 1 ms at first, then up to 20 ms: short locks pass quickly, long ones cost little CPU.
        usleep(UInt32(min(20, 1 + tries)) * 1000)
        return true
    }
}
