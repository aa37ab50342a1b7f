/// A plain-text table whose columns line up by display width, Japanese included.
public struct TextTable: Sendable {
    public enum Alignment: Sendable {
        case left
        case right
    }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines: header, a rule, then rows; two spaces between columns.
    public func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in widths.indices {
                let cell = index < cells.count ? cells[index] : ""
                let isLast = index == widths.count - 1
                switch alignments[index] {
                case .right: parts.append(DisplayWidth.padLeft(cell, to: widths[index]))
                case .left: parts.append(isLast ? cell : DisplayWidth.pad(cell, to: widths[index]))
                }
            }
            return parts.joined(separator: "  ")
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
