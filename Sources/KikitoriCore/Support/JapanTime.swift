import Foundation

/// Timestamps as exports and listings print them: Japan time, ISO 8601.
public enum JapanTime {
    /// Japan time, ISO 8601 (`2022-07-01T21:34:56+09:00`), as exports print every timestamp.
    ///
    /// Computed with integer arithmetic rather than `ISO8601DateFormatter`: Japan has kept UTC+9
    /// without daylight saving since 1951, and the formatter (ICU behind a lock) was a tenth of an
    /// export's time.
    public static func timestamp(_ date: Date) -> String {
        // Japan kept summer time from 1948 to 1951; older dates go through the formatter.
        if date.timeIntervalSince1970 < -568_112_400 { return fallbackLock.withLock { fallbackFormatter.string(from: date) } }
        let seconds = Int((date.timeIntervalSince1970 + 9 * 3600).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(year)-\(two(month))-\(two(day))T\(time)+09:00"
    }

    nonisolated(unsafe) private static let fallbackFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        return formatter
    }()
    private static let fallbackLock = NSLock()

    /// `2026-12-02 11:31`, Japan time: for listings people read.
    public static func minute(_ date: Date) -> String {
        String(timestamp(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    public static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }
}
