extension LineSink {
    /// Standard output, one `write(2)` per call: GitHub workflow commands (`::add-mask::`, `::error::`)
    /// are read from stdout, and a line must never interleave with `result.json`.
    public static let standardOutput = LineSink(fileDescriptor: 1)
}
