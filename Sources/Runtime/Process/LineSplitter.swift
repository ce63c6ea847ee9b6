/// Splits a byte stream into lines for ``ToolCommand/onLine``, without unbounded buffering.
///
/// `\n`, `\r\n` and a bare `\r` all end a line: progress bars redraw with `\r`, and each redraw is
/// a progress update worth reporting. A line longer than ``maxLineLength`` is emitted in pieces,
/// so a tool that never prints a newline cannot make us buffer its whole output. Bytes are decoded
/// leniently (invalid UTF-8 becomes U+FFFD).
public struct LineSplitter: Sendable {
    public let maxLineLength: Int
    private var pending: [UInt8] = []
    private var lastWasCarriageReturn = false
    /// Set after a forced split, so a newline right after it does not yield an empty line.
    private var lastWasSplit = false

    public init(maxLineLength: Int = 64 * 1024) {
        self.maxLineLength = max(1, maxLineLength)
    }

    /// Feeds a chunk and returns the lines it completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                let continuesBreak = (byte == UInt8(ascii: "\n") && lastWasCarriageReturn) || lastWasSplit
                if !continuesBreak || !pending.isEmpty {
                    lines.append(takePending())
                }
                lastWasCarriageReturn = byte == UInt8(ascii: "\r")
                lastWasSplit = false
            default:
                pending.append(byte)
                lastWasCarriageReturn = false
                lastWasSplit = false
                if pending.count >= maxLineLength {
                    lines.append(takePending())
                    lastWasSplit = true
                }
            }
        }
        return lines
    }

    /// Returns the unterminated last line at end of stream, if there is one.
    public mutating func finish() -> String? {
        lastWasCarriageReturn = false
        lastWasSplit = false
        return pending.isEmpty ? nil : takePending()
    }

    private mutating func takePending() -> String {
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }
}
