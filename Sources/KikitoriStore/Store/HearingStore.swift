import KikitoriCore
import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The hearings database: a SQLite file in WAL mode with durable commits.
///
/// Every answer is committed with `synchronous=FULL` before the shell asks the next question, so a
/// power cut loses nothing confirmed. A file that is not Kikitori's, or whose schema is newer than
/// this binary, is refused before anything is written to it.
public final class HearingStore: Sendable {
    public let path: String
    package let queue: DatabaseQueue
    /// A migrated private copy read instead of an older database opened read-only; removed at close.
    private let readingCopy: String?
    /// Decoded questionnaire snapshots by `id@version`.
    package let snapshotCache = Mutex<[String: Questionnaire]>([:])

    /// How long a writer waits for another process holding the file before giving up.
    public static let busyTimeout: TimeInterval = 15

    /// How this connection waits for another process's write lock; the shell waits longer and says so.
    public let lockWait = LockWait(limit: busyTimeout)

    /// Opens the database at `path`, creating it (mode 0600) when it does not exist. With `readOnly`
    /// (every command that only reads), nothing is written to the file or beside it, so it works on
    /// write-protected media; a database from an older Kikitori is read through a migrated private
    /// copy.
    /// - Throws: ``StoreError`` naming the file and what is wrong with it.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        if readOnly {
            _ = try Self.inspectHeader(path, allowEmpty: false)
            let lockWait = self.lockWait
            (queue, readingCopy) = try Self.openForReading(path) { tries in lockWait.shouldRetry(tries) }
            return
        }
        readingCopy = nil
        try Self.checkExistingFile(path)
        var configuration = Configuration()
        let lockWait = self.lockWait
        configuration.busyMode = .callback { tries in lockWait.shouldRetry(tries) }
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase(HearingStore.addFunctions)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // WAL is set once, when the file is new (it persists in the file). GRDB's own WAL set-up
            // is not used: it writes a table into the file whenever the -wal file is empty, inside a
            // read-then-write savepoint that SQLite fails at once, without waiting, when another
            // process commits in between ("database is locked" at start-up).
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
                // An answer must survive a power cut.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            // Migrations take the write lock only when there is something to migrate.
            let migrator = Schema.migrator
            if try !queue.read({ db in try migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(queue)
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Refuses directories, non-SQLite files, other applications' databases and newer schemas,
    /// using a read-only connection so that a refused file is left exactly as it was.
    /// The store's SQL functions, on every connection.
    @Sendable package static func addFunctions(_ db: Database) {
        db.add(function: SearchIndex.function)
        db.add(function: OrganisationKeyFunction.function)
    }

    private static func checkExistingFile(_ path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            try createFile(path)
            return
        }
        try inspect(path, allowEmpty: true)
    }

    /// The refusal checks for a file that exists: ours, readable, and not from a newer Kikitori.
    /// An empty file is a new database when `allowEmpty`, and refused otherwise.
    package static func inspect(_ path: String, allowEmpty: Bool) throws(StoreError) {
        guard try inspectHeader(path, allowEmpty: allowEmpty) else { return }
        do {
            let reader = try readOnlyQueue(path, busy: .timeout(busyTimeout))
            defer { try? reader.close() }
            try reader.read { db in try checkIdentity(db, path: path, allowEmpty: allowEmpty) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// The checks that need no SQLite: the file exists, is not a folder, and starts as SQLite does.
    /// False for an empty file taken as a new database.
    private static func inspectHeader(_ path: String, allowEmpty: Bool) throws(StoreError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path) }
        if isDirectory.boolValue { throw .isDirectory(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotRead(path, reason: Self.reason(errno)) }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty && allowEmpty { return false }
        guard header == Data("SQLite format 3\0".utf8) else { throw .notKikitori(path) }
        return true
    }

    /// Kikitori's application id, and no migration this binary does not know.
    private static func checkIdentity(_ db: Database, path: String, allowEmpty: Bool) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        if applicationID != Schema.applicationID {
            if tables > 0 || !allowEmpty { throw StoreError.notKikitori(path) }
            return
        }
        let migrator = Schema.migrator
        if try migrator.hasBeenSuperseded(db) {
            let known = Set(migrator.migrations)
            let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
            throw StoreError.newerSchema(path, unknown: unknown)
        }
    }

    /// Creates an empty file readable by its owner only: respondents' answers are personal data.
    private static func createFile(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return }
            throw .cannotCreate(path, reason: reason(errno))
        }
        Glibc.close(descriptor)
    }

    package static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    package static func storeError(_ error: Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .sqlite(String(describing: error)) }
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notKikitori(path)
        case .SQLITE_CORRUPT: return .corrupt(path, detail: error.message ?? "")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return .readOnly(path)
        case .SQLITE_FULL: return .diskFull(path)
        default: return .sqlite(error.message ?? error.description)
        }
    }

    /// Runs a write transaction, mapping SQLite errors to ``StoreError``.
    package func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// A write transaction of many rows (import, synthetic data, a tagging slice), with two settings
    /// for its duration only. SQLite keeps a statement journal for every INSERT that fires triggers;
    /// past 64 KB it spills to a temporary file: kept in memory instead (strace: 72,700 small writes
    /// there for 300 hearings). And 64 MB of page cache instead of 2 MB, so that index pages are not
    /// spilled to the WAL and read back in the middle of the transaction. Reads that sort a million
    /// rows still use disk, so memory stays bounded outside these writes.
    ///
    /// A series of bulk transactions (a tagging run's slices) keeps the settings between them with
    /// `keepingSettings` and ends with ``restoreBulkSettings(_:)``: shrinking the cache after each
    /// slice threw away the index pages the next one needed (measured: 23 s against 17 s for 470,000
    /// tags in 8,000-row transactions).
    package func bulkWrite<T>(keepingSettings: Bool = false, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                try Self.applyBulkSettings(true, db)
                defer { if !keepingSettings { try? Self.applyBulkSettings(false, db) } }
                try db.beginTransaction(.immediate)
                do {
                    let result = try body(db)
                    try db.commit()
                    return result
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Ends a series of ``bulkWrite(keepingSettings:_:)`` transactions: SQLite's defaults again.
    package func restoreBulkSettings() {
        try? queue.writeWithoutTransaction { db in try Self.applyBulkSettings(false, db) }
    }

    private static func applyBulkSettings(_ bulk: Bool, _ db: Database) throws {
        try db.execute(sql: bulk ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT")
        try db.execute(sql: bulk ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000")
    }

    /// A read whose body may throw its own errors (a CSV writer's, say); only SQLite's are translated.
    package func readPassingErrors<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    package func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// The file's permission bits when others may read or write it (a copy from a USB stick is
    /// often 0644 or 0777); nil when it is owner-only.
    public var loosePermissions: mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = status.st_mode & 0o777
        return mode & 0o077 == 0 ? nil : mode
    }

    /// Makes the database and its -wal and -shm files owner-only (0600), as Kikitori creates them.
    public func tightenPermissions() throws(StoreError) {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard chmod(path + suffix, 0o600) == 0 else { throw .cannotCreate(path + suffix, reason: Self.reason(errno)) }
        }
    }

    public func close() {
        try? queue.close()
        if let readingCopy { Self.removeDatabaseFiles(readingCopy) }
    }

    deinit {
        if let readingCopy { Self.removeDatabaseFiles(readingCopy) }
    }

    package static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A read-only connection that writes nothing, even on write-protected media: SQLite needs to
    /// create a WAL database's -shm file to read it, so where it cannot, the file is opened as
    /// immutable — unless an unrecovered -wal file holds answers that would then be missed.
    package static func readOnlyQueue(_ path: String, busy: Database.BusyMode, prepare: (@Sendable (Database) throws -> Void)? = nil) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = busy
        if let prepare { configuration.prepareDatabase(prepare) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // The -shm file is only needed at the first read: fail here rather than later.
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            if wal > 0 { throw StoreError.walNeedsRecovery(path) }
            var uri = URLComponents()
            uri.scheme = "file"
            uri.path = URL(fileURLWithPath: path).path
            uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            return try DatabaseQueue(path: uri.string ?? path, configuration: configuration)
        }
    }

    /// The read-only connection for `path`, through a migrated private copy when the file is from
    /// an older Kikitori (its tables are not yet what this version reads).
    private static func openForReading(_ path: String, busy: @escaping Database.BusyCallback) throws(StoreError) -> (DatabaseQueue, String?) {
        let prepare: @Sendable (Database) throws -> Void = HearingStore.addFunctions
        do {
            // One connection both checks the file is Kikitori's and reads it.
            let queue = try readOnlyQueue(path, busy: .callback(busy), prepare: prepare)
            let migrator = Schema.migrator
            let current = try queue.read { db in
                try checkIdentity(db, path: path, allowEmpty: false)
                return try migrator.hasCompletedMigrations(db)
            }
            if current { return (queue, nil) }
            let folder = NSTemporaryDirectory() + "kikitori-\(getuid())"
            mkdir(folder, 0o700)
            let copy = folder + "/read-\(UUID().uuidString.lowercased()).\(getpid()).sqlite"
            let descriptor = open(copy, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw StoreError.cannotCreate(copy, reason: reason(errno)) }
            Glibc.close(descriptor)
            do {
                var writable = Configuration()
                writable.prepareDatabase(prepare)
                let target = try DatabaseQueue(path: copy, configuration: writable)
                try queue.backup(to: target)
                try queue.close()
                try migrator.migrate(target)
                try target.close()
                return (try readOnlyQueue(copy, busy: .callback(busy), prepare: prepare), copy)
            } catch {
                removeDatabaseFiles(copy)
                throw error
            }
        } catch {
            throw storeError(error, path: path)
        }
    }
}
