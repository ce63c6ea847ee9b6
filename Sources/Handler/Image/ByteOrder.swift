/// Multi-byte integers from byte arrays, in the order a format declares.
enum ByteOrder: Sendable {
    case big, little

    func uint16(_ bytes: [UInt8], _ at: Int) -> Int {
        let a = Int(bytes[at]), b = Int(bytes[at + 1])
        return self == .big ? a << 8 | b : b << 8 | a
    }

    func uint32(_ bytes: [UInt8], _ at: Int) -> Int {
        let a = Int(bytes[at]), b = Int(bytes[at + 1]), c = Int(bytes[at + 2]), d = Int(bytes[at + 3])
        return self == .big ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a
    }

    func put16(_ value: Int, into bytes: inout [UInt8], at: Int) {
        let high = UInt8((value >> 8) & 0xFF), low = UInt8(value & 0xFF)
        bytes[at] = self == .big ? high : low
        bytes[at + 1] = self == .big ? low : high
    }

    func put32(_ value: Int, into bytes: inout [UInt8], at: Int) {
        for index in 0..<4 {
            let shift = self == .big ? (3 - index) * 8 : index * 8
            bytes[at + index] = UInt8((value >> shift) & 0xFF)
        }
    }
}
