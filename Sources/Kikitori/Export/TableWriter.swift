/// Where an export's rows go: a CSV file, or a sheet of a workbook. The exporters write strings;
/// a writer that keeps types (a workbook) reads them back by column.
public protocol TableWriter: AnyObject {
    func writeHeader(_ columns: [String]) throws
    func writeRow(_ fields: [String?]) throws
    /// Data rows written so far.
    var rows: Int { get }
}

extension CSVWriter: TableWriter {}
