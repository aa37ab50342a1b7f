import Crypto
import Foundation

/// A versioned document whose meaning is fingerprinted: sorted-key JSON of its value, hashed with
/// SHA-256. Comments, key order and layout of the file it came from change neither.
public protocol CanonicalForm: Codable {}

extension CanonicalForm {
    /// Sorted-key JSON of the document's meaning; what snapshots store.
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail; an empty result would simply match no fingerprint.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// SHA-256 of ``canonicalJSON``, in lower-case hex.
    public var fingerprint: String {
        SHA256.hash(data: canonicalJSON).map { String(format: "%02x", $0) }.joined()
    }

    /// The first twelve hex digits of the fingerprint, for listings.
    public var shortFingerprint: String { String(fingerprint.prefix(12)) }

    /// Restores the document from its canonical JSON, as stored in a snapshot.
    public static func fromCanonicalJSON(_ data: Data) throws -> Self {
        try JSONDecoder().decode(Self.self, from: data)
    }
}
