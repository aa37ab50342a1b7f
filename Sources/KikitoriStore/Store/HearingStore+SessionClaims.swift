import KikitoriCore
import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// One open session per hearing: a process that starts or resumes a hearing claims it (pid, host,
/// time) and releases it when the session ends. A claim whose process is gone (killed, crashed,
/// or on another machine the file was copied from) is taken over.
extension HearingStore {
    /// Who has a hearing open.
    public struct SessionClaim: Equatable, Sendable {
        public var pid: Int32
        public var host: String
        public var since: Date
    }

    package static var hostName: String { ProcessInfo.processInfo.hostName }

    /// Claims `hearingID` for this process, or throws ``StoreError/hearingOpenElsewhere(_:pid:host:since:)``.
    public func claimSession(_ hearingID: UUID, now: Date = Date()) throws(StoreError) {
        let pid = getpid()
        let host = Self.hostName
        try write { db in
            if let row = try SQLRequest<Row>("SELECT pid, host, claimed_at FROM hearing_session WHERE hearing_id = \(id: hearingID)").fetchOne(db) {
                let claim = SessionClaim(pid: row["pid"], host: row["host"], since: row["claimed_at"])
                if claim.host == host, claim.pid != pid, Self.isAlive(claim.pid) {
                    throw StoreError.hearingOpenElsewhere(String(hearingID.storageKey.prefix(8)), pid: claim.pid, host: claim.host, since: claim.since)
                }
            }
            try db.execute(literal: """
                INSERT INTO hearing_session (hearing_id, pid, host, claimed_at) VALUES (\(id: hearingID), \(pid), \(host), \(now))
                ON CONFLICT (hearing_id) DO UPDATE SET pid = excluded.pid, host = excluded.host, claimed_at = excluded.claimed_at
                """)
        }
    }

    /// Releases this process's claim on `hearingID` (another process's claim is left alone).
    public func releaseSession(_ hearingID: UUID) {
        let pid = getpid()
        let host = Self.hostName
        try? write { db in
            try db.execute(literal: "DELETE FROM hearing_session WHERE hearing_id = \(id: hearingID) AND pid = \(pid) AND host = \(host)")
        }
    }

    /// Whether a process of this machine is running (a zombie or another user's process counts).
    private static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
