/// The parts of a binary FBX the tests check: the magic and the GlobalSettings `UnitScaleFactor`.
struct MeshFBX {
    enum Failure: Error { case notBinaryFBX, noUnitScaleFactor }

    static let magic = Array("Kaydara FBX Binary  \0".utf8)

    var version: UInt32
    /// Centimetres per file unit: 0.1 means the file's numbers are millimetres.
    var unitScaleFactor: Double

    init(_ bytes: [UInt8]) throws {
        guard bytes.starts(with: Self.magic), let version = bytes.uint32LE(at: 23) else { throw Failure.notBinaryFBX }
        self.version = version
        // The property record is: S"UnitScaleFactor" S"double" S"Number" S"" D<value>.
        let name = Array("UnitScaleFactor".utf8)
        guard let start = (0...(bytes.count - name.count)).first(where: { bytes[$0..<$0 + name.count].elementsEqual(name) })
        else { throw Failure.noUnitScaleFactor }
        var at = start + name.count
        for _ in 0..<3 {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "S"), let length = bytes.uint32LE(at: at + 1) else {
                throw Failure.noUnitScaleFactor
            }
            at += 5 + Int(length)
        }
        guard at < bytes.count, bytes[at] == UInt8(ascii: "D"), let value = bytes.float64LE(at: at + 1) else {
            throw Failure.noUnitScaleFactor
        }
        unitScaleFactor = value
    }
}
