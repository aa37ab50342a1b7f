import KikitoriCore
import KikitoriStore
import Crypto
import Foundation

/// The codebook as a REFI-QDA codebook (`urn:QDA-XML:codebook:1.0`), which NVivo, ATLAS.ti, MAXQDA
/// and QualCoder import. Groups become parent codes; guids are UUIDv5 of the theme ids, so the same
/// theme keeps its guid across exports and tools can match codes on re-import.
public enum QDACodebook {
    /// Kikitori's namespace for UUIDv5 (itself a fixed random UUID).
    static let namespace = UUID(uuidString: "6f1c2a4e-7b0d-4d5e-9a38-3c2f8e1b9d47")!

    public static func guid(for name: String) -> UUID {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        return UUID(uuid: (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                           hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]))
    }

    /// Text for an XML attribute or element.
    /// One pass over the UTF-8, copying runs that need nothing (most of a Japanese text): a project
    /// escapes every answer, and four `replacingOccurrences` passes were a third of its time.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func xml(_ codebook: Codebook, language: Language) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Kikitori \(KikitoriVersion.current)\">\n"
        xml += codes(codebook, language: language, indent: "  ")
        xml += "</CodeBook>\n"
        return xml
    }

    /// The `<Codes>` element, shared by the codebook and the project; `notes` are each theme's memo
    /// guids (a project's `NoteRef`s; a codebook has none).
    static func codes(_ codebook: Codebook, language: Language, indent: String, notes: [String: [UUID]] = [:]) -> String {
        func code(_ theme: Theme, indent: String) -> String {
            var xml = "\(indent)<Code guid=\"\(guid(for: "theme:" + theme.id).uuidString.lowercased())\" name=\"\(escape(theme.label.text(language)))\" isCodable=\"true\""
            if let colour = theme.colour { xml += " color=\"\(colour)\"" }
            xml += ">\n"
            let description = [
                theme.description?.text(language), theme.excludes.map { ReviewPhrase.definitionExcludes($0.text(language)).text(language) },
                theme.examples.map { ReviewPhrase.definitionExamples($0).text(language) }, "id: \(theme.id)",
            ].compactMap { $0 }.joined(separator: "\n")
            xml += "\(indent)  <Description>\(escape(description))</Description>\n"
            for note in notes[theme.id] ?? [] { xml += "\(indent)  <NoteRef targetGUID=\"\(note.uuidString.lowercased())\"/>\n" }
            xml += "\(indent)</Code>\n"
            return xml
        }
        var xml = "\(indent)<Codes>\n"
        for group in codebook.groups {
            xml += "\(indent)  <Code guid=\"\(guid(for: "group:" + group.id).uuidString.lowercased())\" name=\"\(escape(group.label.text(language)))\" isCodable=\"false\">\n"
            // The id, as on themes: a re-import (`codebook import`) keeps it.
            xml += "\(indent)    <Description>id: \(escape(group.id))</Description>\n"
            for theme in codebook.themes where theme.group == group.id { xml += code(theme, indent: indent + "    ") }
            xml += "\(indent)  </Code>\n"
        }
        for theme in codebook.themes where !codebook.groups.contains(where: { $0.id == theme.group }) {
            xml += code(theme, indent: indent + "  ")
        }
        xml += "\(indent)</Codes>\n"
        return xml
    }
}
