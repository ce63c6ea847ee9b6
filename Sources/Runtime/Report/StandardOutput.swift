import Foundation

extension LineSink {
    /// Standard output, one `write(2)` per call: GitHub workflow commands (`::add-mask::`, `::error::`)
    /// are read from stdout, and a line must never interleave with `result.json`.
    public static let standardOutput = LineSink { line in
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(1, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                remaining -= written
                base += written
            }
        }
    }
}
