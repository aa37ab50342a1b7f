import Foundation

/// The questionnaires folder: `<root>/<id>/v<N>.yaml`, one file per version.
public struct QuestionnaireLibrary: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// A questionnaire file found in the folder, before loading.
    public struct Entry: Equatable, Sendable {
        public var id: String
        public var version: Int
        public var path: String
    }

    /// Every `v<N>.yaml` under an id folder, sorted by id then version.
    public func entries() throws(LibraryError) -> [Entry] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folderMissing(root)
        }
        var entries: [Entry] = []
        let ids = (try? manager.contentsOfDirectory(atPath: root)) ?? []
        for id in ids.sorted() {
            let folder = (root as NSString).appendingPathComponent(id)
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let version = Self.version(fromFileName: name) else { continue }
                entries.append(Entry(id: id, version: version, path: (folder as NSString).appendingPathComponent(name)))
            }
        }
        return entries.sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    /// `v12.yaml` → 12.
    package static func version(fromFileName name: String) -> Int? {
        guard name.hasPrefix("v"), name.hasSuffix(".yaml") else { return nil }
        return Int(name.dropFirst().dropLast(5)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Finds the file that `reference` names: a path, `id@N`, or `id` for the latest version.
    public func path(for reference: String) throws(LibraryError) -> String {
        if reference.hasSuffix(".yaml") || reference.contains("/") {
            guard FileManager.default.fileExists(atPath: reference) else { throw .fileMissing(reference) }
            return reference
        }
        let parts = reference.split(separator: "@", omittingEmptySubsequences: false)
        let id = String(parts[0])
        let candidates = try entries().filter { $0.id == id }
        guard !candidates.isEmpty else {
            let known = (try? entries().map(\.id)).map { Array(Set($0)).sorted() } ?? []
            throw .unknownQuestionnaire(id, known: known)
        }
        if parts.count == 1, let latest = candidates.last { return latest.path }
        guard parts.count == 2, let version = Int(parts[1]) else { throw .badReference(reference) }
        guard let entry = candidates.first(where: { $0.version == version }) else {
            throw .unknownVersion(id, version, known: candidates.map(\.version))
        }
        return entry.path
    }

    /// Loads the questionnaire `reference` names.
    /// - Throws: ``LibraryError`` when nothing matches, ``InputError`` when the file is broken.
    public func load(_ reference: String) throws -> Questionnaire {
        let path = try path(for: reference)
        let inFolder = URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(
            URL(fileURLWithPath: root).standardizedFileURL.path + "/")
        return try QuestionnaireLoader.load(path: path, checkFileName: inFolder)
    }
}

/// Why a questionnaire could not be found.
public enum LibraryError: Error, Equatable, Sendable {
    case folderMissing(String)
    case fileMissing(String)
    case unknownQuestionnaire(String, known: [String])
    case unknownVersion(String, Int, known: [Int])
    case badReference(String)
}
