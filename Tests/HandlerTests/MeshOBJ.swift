/// A Wavefront OBJ read back: vertex bounds and face count (text lines `v x y z`, `f a b c`).
struct MeshOBJ {
    var faceCount = 0
    var bounds = MeshBounds()

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "f" {
                faceCount += 1
            } else if fields.first == "v", fields.count >= 4,
                let x = Double(fields[1]), let y = Double(fields[2]), let z = Double(fields[3])
            {
                bounds.include(SIMD3(x, y, z))
            }
        }
    }
}
