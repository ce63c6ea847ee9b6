import Testing

/// The test-side mesh readers must reject what they are meant to catch, or the integration checks prove nothing.
@Suite("mesh readers")
struct MeshReaderTests {
    static func stl(triangles: UInt32, extraBytes: Int = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 80)
        bytes += withUnsafeBytes(of: triangles.littleEndian, Array.init)
        for index in 0..<Int(triangles) {
            bytes += [UInt8](repeating: 0, count: 12)
            for value: Float in [0, 0, 0, Float(index + 1), 2, 3, 0, 5, 0] {
                bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
            }
            bytes += [0, 0]
        }
        return bytes + [UInt8](repeating: 0, count: extraBytes)
    }

    @Test("STL: count, size rule and bounds")
    func stl() throws {
        let mesh = try MeshSTL(Self.stl(triangles: 2))
        #expect(mesh.triangleCount == 2)
        #expect(mesh.bounds.size == SIMD3(2, 5, 3))
        #expect(throws: MeshSTL.Failure.self) { try MeshSTL(Self.stl(triangles: 2, extraBytes: 1)) }
        #expect(throws: MeshSTL.Failure.self) { try MeshSTL([UInt8](repeating: 0, count: 10)) }
    }

    @Test("OBJ: faces and vertex bounds")
    func obj() {
        let mesh = MeshOBJ("# c\nv 0 0 0\nv 1 -2 3.5\nvn 9 9 9\nf 1 2 1\nf 2 1 2\n")
        #expect(mesh.faceCount == 2)
        #expect(mesh.bounds.size == SIMD3(1, 2, 3.5))
    }

    @Test("PLY: header counts")
    func ply() throws {
        let header = "ply\nformat binary_little_endian 1.0\nelement vertex 8\nproperty float x\nelement face 12\nend_header\n"
        let mesh = try MeshPLY(Array(header.utf8) + [1, 2, 3])
        #expect(mesh.format == "binary_little_endian" && mesh.vertexCount == 8 && mesh.faceCount == 12)
        #expect(throws: MeshPLY.Failure.self) { try MeshPLY(Array("solid x\n".utf8)) }
    }

    @Test("FBX and GLB: wrong magic is refused")
    func magic() {
        #expect(throws: MeshFBX.Failure.self) { try MeshFBX(Array("Kaydara FBX ASCII".utf8) + [UInt8](repeating: 0, count: 40)) }
        #expect(throws: MeshGLB.Failure.self) { try MeshGLB(Array("glTX".utf8) + [UInt8](repeating: 0, count: 40)) }
    }
}
