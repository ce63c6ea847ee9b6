import Foundation
import Runtime
import Testing

@testable import Handler

/// The STL reader on files written by the tests: both encodings, and every way a file can be broken.
@Suite struct STLReaderTests {
    static func read(_ url: URL, maxTriangles: Int = STLReader.defaultMaxTriangles) throws -> (STLReader, [Triangle]) {
        let reader = try STLReader(path: url.path, maxTriangles: maxTriangles)
        var triangles: [Triangle] = []
        try reader.forEachTriangle { triangles.append($0) }
        return (reader, triangles)
    }

    static func error(_ body: () throws -> Void) -> JobError? {
        do {
            try body()
            return nil
        } catch {
            return error as? JobError
        }
    }

    @Test func binaryCubeReadsBackItsTriangles() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try SliceModels.write(SliceModels.binarySTL(SliceModels.cube), to: directory, name: "cube.stl")
        let (reader, triangles) = try Self.read(url)
        #expect(reader.encoding == .binary(triangles: 12))
        #expect(triangles == SliceModels.cube)
        #expect(triangles.reduce(0) { $0 + $1.area } == 2400)
    }

    @Test func asciiCubeGivesTheSameTriangles() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try SliceModels.write(
            Array(SliceModels.asciiSTL(SliceModels.cube).utf8), to: directory, name: "cube.stl")
        let (reader, triangles) = try Self.read(url)
        #expect(reader.encoding == .ascii)
        #expect(triangles == SliceModels.cube)
    }

    @Test func binaryHeaderStartingWithSolidIsStillBinary() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try SliceModels.write(
            SliceModels.binarySTL(SliceModels.cube, header: "solid exported by a CAD tool"), to: directory,
            name: "c.stl")
        let (reader, triangles) = try Self.read(url)
        #expect(reader.encoding == .binary(triangles: 12))
        #expect(triangles.count == 12)
    }

    @Test func truncatedBinaryIsBadInputNamingTheSizes() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = SliceModels.binarySTL(SliceModels.cube)
        let url = try SliceModels.write(Array(bytes.prefix(bytes.count - 30)), to: directory, name: "cut.stl")
        let error = Self.error { _ = try Self.read(url) }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("is truncated (cut off)") == true, "\(String(describing: error))")
        #expect(
            error?.message.contains("announces 12 triangles, which take 684 bytes, but the file has 654 bytes") == true)
    }

    @Test func lyingTriangleCountsAreBadInput() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tooMany = try SliceModels.write(
            SliceModels.binarySTL(SliceModels.cube, declaredCount: 1000), to: directory, name: "more.stl")
        let tooFew = try SliceModels.write(
            SliceModels.binarySTL(SliceModels.cube, declaredCount: 3), to: directory, name: "fewer.stl")
        #expect(Self.error { _ = try Self.read(tooMany) }?.message.contains("announces 1000 triangles") == true)
        let fewer = Self.error { _ = try Self.read(tooFew) }
        #expect(fewer?.code == .badInput)
        #expect(fewer?.message.contains("extra bytes after its last triangle") == true, "\(String(describing: fewer))")
    }

    @Test func truncatedASCIIIsBadInput() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = SliceModels.asciiSTL(SliceModels.cube)
        let url = try SliceModels.write(Array(text.utf8.prefix(text.utf8.count / 2)), to: directory, name: "cut.stl")
        let error = Self.error { _ = try Self.read(url) }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("is truncated (cut off) after") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("", "is an empty file"),
        ("not a mesh at all", "too short to be an STL"),
        (
            "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\nendsolid x\n",
            "facet with 2 vertices"
        ),
        ("solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 zero\n", "unexpected a vertex coordinate"),
        ("solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 nan\n", "unexpected a vertex coordinate"),
        ("solid x\nbanana\nendsolid x\n", "unexpected \"banana\""),
    ])
    func malformedFilesAreBadInput(text: String, expected: String) throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try SliceModels.write(Array(text.utf8), to: directory, name: "bad.stl")
        let error = Self.error { _ = try Self.read(url) }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func nonFiniteBinaryCoordinateIsBadInput() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = SliceModels.binarySTL(SliceModels.cube)
        let nan = Float.nan.bitPattern
        for offset in 0..<4 { bytes[84 + 12 + offset] = UInt8((nan >> UInt32(8 * offset)) & 0xFF) }
        let url = try SliceModels.write(bytes, to: directory, name: "nan.stl")
        #expect(Self.error { _ = try Self.read(url) }?.message.contains("NaN or infinite") == true)
    }

    @Test func triangleCapRefusesBothEncodings() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try SliceModels.write(SliceModels.binarySTL(SliceModels.cube), to: directory, name: "b.stl")
        let ascii = try SliceModels.write(
            Array(SliceModels.asciiSTL(SliceModels.cube).utf8), to: directory, name: "a.stl")
        for url in [binary, ascii] {
            let error = Self.error { _ = try Self.read(url, maxTriangles: 10) }
            #expect(error?.code == .badInput)
            #expect(error?.message.contains("more than the limit of 10") == true, "\(String(describing: error))")
        }
    }

    /// Over a megabyte, so the reader crosses its chunk boundaries in both encodings.
    @Test func largeFilesStreamAcrossChunks() throws {
        let directory = try SliceModels.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let many = (0..<5_000).flatMap { index in
            SliceModels.box(1, 1, 1).map {
                Triangle(
                    $0.a + SIMD3(Double(index), 0, 0), $0.b + SIMD3(Double(index), 0, 0),
                    $0.c + SIMD3(Double(index), 0, 0))
            }
        }
        let binary = try SliceModels.write(SliceModels.binarySTL(many), to: directory, name: "many.stl")
        let ascii = try SliceModels.write(Array(SliceModels.asciiSTL(many).utf8), to: directory, name: "many-ascii.stl")
        #expect(try FileManager.default.attributesOfItem(atPath: binary.path)[.size] as? Int ?? 0 > STLReader.chunkSize)
        for url in [binary, ascii] {
            let (_, triangles) = try Self.read(url)
            #expect(triangles.count == 60_000)
            #expect(triangles.last == many.last)
        }
    }
}
