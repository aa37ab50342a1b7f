import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// Stores the questionnaire's snapshot the first time a hearing uses it.
    ///
    /// - Throws: ``StoreError/snapshotChanged(_:stored:file:)`` when `id@version` is already stored
    ///   with another fingerprint: the file was edited without bumping its version.
    public func storeSnapshot(_ questionnaire: Questionnaire) throws(StoreError) {
        try write { db in try Self.storeSnapshot(questionnaire, in: db) }
    }

    package static func storeSnapshot(_ questionnaire: Questionnaire, in db: Database) throws {
        let fingerprint = questionnaire.fingerprint
        if let stored = try SnapshotRecord.fetchOne(db, key: questionnaire.reference) {
            guard stored.fingerprint == fingerprint else {
                throw StoreError.snapshotChanged(questionnaire.reference, stored: stored.fingerprint, file: fingerprint)
            }
            return
        }
        try SnapshotRecord(
            reference: questionnaire.reference, questionnaireID: questionnaire.id, version: questionnaire.version,
            fingerprint: fingerprint, canonicalJSON: String(decoding: questionnaire.canonicalJSON, as: UTF8.self),
            storedAt: Date()
        ).insert(db)
    }

    /// The questionnaire exactly as the hearings that used it saw it. Snapshots never change once
    /// stored, so each is decoded once per store.
    public func snapshot(_ reference: String) throws(StoreError) -> Questionnaire {
        if let cached = snapshotCache.withLock({ $0[reference] }) { return cached }
        let record = try read { db in try SnapshotRecord.fetchOne(db, key: reference) }
        guard let record else { throw .unknownSnapshot(reference) }
        do {
            let questionnaire = try Questionnaire.fromCanonicalJSON(Data(record.canonicalJSON.utf8))
            snapshotCache.withLock { $0[reference] = questionnaire }
            return questionnaire
        } catch {
            throw .corrupt(path, detail: "snapshot \(reference) cannot be read")
        }
    }
}
