import Foundation
import Runtime
import Testing

@testable import Handler

@Suite struct LDrawLibraryTests {
    @Test func lookupIgnoresCaseAndFindsSubpartsAndPrimitives() throws {
        let mini = try LDrawMiniLibrary()
        try mini.write("p/48/1-4EDGE.DAT", "0 hi-res")
        try mini.write("models/Car.ldr", "0 model")
        let library = try mini.library()
        let root = mini.root.standardizedFileURL.path
        #expect(try library.locate("brick1.dat") == root + "/parts/BRICK1.DAT")
        #expect(try library.locate("Brick1.Dat") == root + "/parts/BRICK1.DAT")
        #expect(try library.locate("s\\brick1s01.dat") == root + "/parts/s/BRICK1S01.DAT")
        #expect(try library.locate("brick1s01.dat") == root + "/parts/s/BRICK1S01.DAT")
        #expect(try library.locate("STUD.DAT") == root + "/p/STUD.DAT")
        #expect(try library.locate("48\\1-4edge.dat") == root + "/p/48/1-4EDGE.DAT")
        #expect(try library.locate("1-4edge.dat") == root + "/p/48/1-4EDGE.DAT")
        #expect(try library.locate("car.ldr") == root + "/models/Car.ldr")
        #expect(try library.locate("3001.dat") == nil)
    }

    @Test(arguments: [
        "..\\secret.dat", "../LDConfig.ldr", "/etc/passwd", "s/../../x.dat", "\\x.dat", "C:\\ldraw\\parts\\x.dat", "c:x.dat",
        "brick1.dat\u{0}../../etc/passwd", "s\\..\\..\\..\\etc\\passwd",
    ])
    func namesLeavingTheLibraryAreRefused(name: String) throws {
        let mini = try LDrawMiniLibrary()
        let error = #expect(throws: JobError.self) { try mini.library().locate(name) }
        #expect(error?.code == .badInput)
    }

    /// Found by fuzz/ldraw (corpus: finding-nul-in-reference.dat): the C path ended at the NUL, so
    /// `stud.dat` followed by NULs resolved to `stud.dat`, and `s/..\0/x` would have passed the `..` check.
    @Test(arguments: ["stud.dat\0\0", "s/..\0/brick1.dat", "\0"])
    func namesWithANulByteAreRefused(name: String) throws {
        let mini = try LDrawMiniLibrary()
        let error = #expect(throws: JobError.self) { try mini.library().locate(name) }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("NUL") == true)
    }

    @Test func aFolderWithoutPartsIsAMissingLibrary() throws {
        let error = #expect(throws: JobError.self) {
            try LDrawLibrary(root: URL(fileURLWithPath: "/nonexistent-ldraw-\(UUID().uuidString)"))
        }
        #expect(error?.code == .toolMissing)
        #expect(error?.message.contains("LDRAW_DIR") == true)
    }

    @Test func missingLDConfigIsAMissingLibrary() throws {
        let mini = try LDrawMiniLibrary()
        try mini.remove("LDConfig.ldr")
        let error = #expect(throws: JobError.self) { try mini.library().colorTable() }
        #expect(error?.code == .toolMissing)
    }

    @Test func latin1FilesAreRead() throws {
        let mini = try LDrawMiniLibrary()
        let url = mini.root.appendingPathComponent("parts/latin.dat")
        try Data([0x30, 0x20, 0xE9, 0x0A, 0x32, 0x20, 0x32, 0x34] + Array(" 0 0 0 1 1 1\n".utf8)).write(to: url)
        let library = try mini.library()
        let text = try library.read(path: try #require(try library.locate("latin.dat")), name: "latin.dat")
        #expect(text.hasPrefix("0 é\n"))
        #expect(try LDrawParser.parse(text, file: "latin.dat").count == 1)
    }
}
