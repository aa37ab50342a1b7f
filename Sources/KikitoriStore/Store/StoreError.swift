import Foundation
import KikitoriCore
/// Why the database could not be opened or a change was refused. Nothing is written when one is thrown.
public enum StoreError: Error, Equatable, Sendable {
    case isDirectory(String)
    case missing(String)
    case cannotRead(String, reason: String)
    case notKikitori(String)
    case newerSchema(String, unknown: [String])
    case corrupt(String, detail: String)
    case cannotCreate(String, reason: String)
    case readOnly(String)
    case sqlite(String)
    case unknownHearing(String)
    /// A follow-up names a hearing of another respondent.
    case followUpOfAnotherRespondent(String)
    case ambiguousHearing(String, matches: [String])
    case unknownRespondent(String)
    case ambiguousRespondent(String, matches: [String])
    /// The questionnaire file's meaning changed while its version did not.
    case snapshotChanged(String, stored: String, file: String)
    case unknownSnapshot(String)
    case unknownAnswer(String)
    /// Two databases hold different questionnaires (or codebooks) under one `id@version`.
    case snapshotMismatch(String, reference: String, ours: String, theirs: String)
    /// A database cannot be merged into itself.
    case sameFile(String)
    /// More sources than one transaction can attach.
    case tooManySources(Int, limit: Int)
    case unknownConflict(hearing: String, question: String)
    case alreadyLinked(String, String)
    /// On write-protected media, with answers still in the -wal file that only a writer can recover.
    case walNeedsRecovery(String)
    /// The disk holding this database (or its temporary copies) is full; nothing was changed.
    case diskFull(String)
    /// A filter names a questionnaire (or version) no hearing here used; `known` are the ones that are.
    case unknownQuestionnaire(String, known: [String])
    /// Another running process has this hearing open.
    case hearingOpenElsewhere(String, pid: Int32, host: String, since: Date)
}
