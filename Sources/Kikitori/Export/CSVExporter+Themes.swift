import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// The themes table, with disclosure control.
    func exportThemes(_ run: ExportRun) throws -> [String] {
        let options = run.options
        let codebook = run.codebook
        let writer = run.writer
        let filter = run.options.filter
        let write = run.write
        let table = publication.crossTab(try store.crossTab(themes: codebook.themes.map(\.id), by: options.by, filter: filter))
        var header = ["theme"]
        if options.labels != nil { header.append("theme_label") }
        let groupName = { (group: String) in group == ThemeCrossTab.otherGroup ? "other_small_groups" : group }
        for group in table.groups { header += ["\(groupName(group))_hearings", "\(groupName(group))_share"] }
        header += ["total_hearings", "total_share"]
        try writer.writeHeader(header)
        let share = { (count: Int, n: Int) -> String in n == 0 ? "" : String(format: "%.3f", Double(count) / Double(n)) }
        let cell = { (theme: String, group: String?, count: Int, n: Int) -> [String?] in
            if table.isHidden(theme, group) { return [count > 0 && count < filter.smallCell ? "<\(filter.smallCell)" : "x", ""] }
            return [String(count), share(count, n)]
        }
        try writer.writeRow(["n"] + (options.labels != nil ? [""] : []) + table.groups.flatMap { [String(table.n[$0] ?? 0), ""] } + [String(table.total), ""])
        for theme in table.themes {
            var row: [String?] = [theme]
            if let labels = options.labels { row.append(codebook.theme(theme)?.label.text(labels) ?? theme) }
            for group in table.groups { row += cell(theme, group, table.count(theme, group), table.n[group] ?? 0) }
            row += cell(theme, nil, table.total(theme), table.total)
            try write(row)
        }
        return []
    }
}
