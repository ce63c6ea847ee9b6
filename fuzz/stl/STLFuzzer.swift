import Foundation
import FuzzSupport
import Runtime

@testable import HandlerParsers

/// Fuzzes the STL reader (binary and ASCII) on a file holding the fuzz input.
///
/// Properties: every failure is exit class 65; a binary file is accepted only when its size is exactly
/// 84 + 50 × its declared count and then yields that many finite triangles, decoded as an independent
/// little-endian reading says; an ASCII file never yields more triangles than its bytes can spell
/// (a facet takes at least 53 bytes) and yields exactly what the line parser yields fed line by line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = ScratchFile.path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    let reader: STLReader
    do {
        reader = try STLReader(path: path, maxTriangles: ReferenceSTL.maxTriangles, displayName: "fuzz.stl")
    } catch {
        Property.check(error.code == .badInput, "open failed with \(error.code): \(error)")
        return 0
    }
    Property.check(reader.fileSize == bytes.count, "file size \(reader.fileSize) ≠ \(bytes.count)")
    var triangles: [Triangle] = []
    let outcome: Result<Void, JobError>
    do {
        try reader.forEachTriangle { triangles.append($0) }
        outcome = .success(())
    } catch let error as JobError {
        outcome = .failure(error)
    } catch {
        Property.check(false, "reading failed with a \(type(of: error)), not a JobError: \(error)")
        return 0
    }
    if case .failure(let error) = outcome {
        Property.check(error.code == .badInput, "reading failed with \(error.code): \(error)")
    }
    switch reader.encoding {
    case .binary(let count):
        Property.check(84 + 50 * count == bytes.count, "binary count \(count) disagrees with \(bytes.count) bytes")
        Property.check(count <= ReferenceSTL.maxTriangles, "binary count over the cap")
        let expected = ReferenceSTL.binaryTriangles(bytes, count: count)
        switch outcome {
        case .success:
            Property.check(triangles.count == count, "binary file yielded \(triangles.count) of \(count) triangles")
            Property.check(expected == triangles, "binary triangles differ from the reference decoding")
        case .failure:
            Property.check(expected == nil, "a binary file of finite triangles was refused")
        }
    case .ascii:
        Property.check(triangles.count * 53 <= bytes.count, "\(triangles.count) ASCII triangles from \(bytes.count) bytes")
        Property.check(triangles.count <= ReferenceSTL.maxTriangles, "ASCII triangles over the cap")
        if case .success = outcome {
            Property.check(ReferenceSTL.asciiTriangles(bytes) == triangles, "ASCII reader and line parser disagree")
        }
    }
    for triangle in triangles {
        Property.check([triangle.a, triangle.b, triangle.c].allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }, "non-finite vertex")
    }
    return 0
}

/// One scratch file per fuzzing process, rewritten for every input.
enum ScratchFile {
    static let path = NSTemporaryDirectory() + "/onejob-fuzz-stl-\(getpid()).stl"
}
