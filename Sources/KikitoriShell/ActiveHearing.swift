import Foundation
import Kikitori

/// The hearing on screen, so that SIGTERM or SIGHUP can mark it paused before the program ends.
/// Every confirmed answer is already committed; this only records that the hearing stopped.
enum ActiveHearing {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var current: (store: HearingStore, hearing: UUID)?

    static func set(store: HearingStore, hearing: UUID) {
        lock.withLock { current = (store, hearing) }
    }

    static func clear() {
        lock.withLock { current = nil }
    }

    /// Pauses the active hearing if it is still in progress.
    static func pauseForSignal() {
        guard let active = lock.withLock({ current }) else { return }
        try? active.store.pauseIfInProgress(active.hearing)
        active.store.releaseSession(active.hearing)
    }
}

/// Installs the handlers that end the program cleanly on SIGTERM and SIGHUP.
public enum SignalHandling {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    public static func install(restoreTerminal: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                ActiveHearing.pauseForSignal()
                restoreTerminal()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
