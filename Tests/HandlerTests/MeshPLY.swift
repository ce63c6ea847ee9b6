/// A PLY header read back: format and element counts (the text before `end_header`).
struct MeshPLY {
    enum Failure: Error { case notPLY, noHeaderEnd }

    var format = ""
    var vertexCount = 0
    var faceCount = 0

    init(_ bytes: [UInt8]) throws {
        guard bytes.starts(with: Array("ply\n".utf8)) else { throw Failure.notPLY }
        let marker = Array("end_header\n".utf8)
        guard let end = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        else { throw Failure.noHeaderEnd }
        for line in String(decoding: bytes[..<end], as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            switch (fields.first, fields.count) {
            case ("format", 3): format = String(fields[1])
            case ("element", 3) where fields[1] == "vertex": vertexCount = Int(fields[2]) ?? -1
            case ("element", 3) where fields[1] == "face": faceCount = Int(fields[2]) ?? -1
            default: break
            }
        }
    }
}
