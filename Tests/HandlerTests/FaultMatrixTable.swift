import TestSupport

/// The fault matrix as text: one row per position, one column per fault, `passed/cases` in each cell.
enum FaultMatrixTable {
    static func render(_ verdicts: [(FaultCase, passed: Bool)]) -> String {
        let faults = FaultProxy.Fault.allCases
        let labelWidth = FaultPosition.allCases.map(\.rawValue.count).max() ?? 0
        let cellWidth = max(faults.map(\.rawValue.count).max() ?? 0, 5) + 2
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }

        let header = pad("position \\ fault (once+always)", labelWidth + 2)
        var lines = [header + faults.map { pad($0.rawValue, cellWidth) }.joined()]
        for position in FaultPosition.allCases {
            var line = pad(position.rawValue, labelWidth + 2)
            for fault in faults {
                let cell = verdicts.filter { $0.0.position == position && $0.0.fault == fault }
                line += pad("\(cell.filter(\.passed).count)/\(cell.count)", cellWidth)
            }
            lines.append(line)
        }
        let passed = verdicts.filter(\.passed).count
        lines.append("\(passed)/\(verdicts.count) cases passed")
        return lines.joined(separator: "\n")
    }
}
