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

    /// The table as lines: header, a rule, then rows; two spaces between columns. With `maxWidth`,
    /// the `shrinkable` columns are cut with `…`, in the order given (the least telling first), each
    /// down to 8 columns before the next, until the table fits.
    public func render(maxWidth: Int? = nil, shrinkable: [Int] = []) -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        if let maxWidth {
            let floor = 8
            while widths.reduce(0, +) + 2 * (widths.count - 1) > maxWidth,
                let next = shrinkable.first(where: { $0 < widths.count && widths[$0] > floor })
            {
                widths[next] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in widths.indices {
                let full = index < cells.count ? cells[index] : ""
                let cell = DisplayWidth.of(full) > widths[index] ? DisplayWidth.truncate(full, to: widths[index]) : full
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
