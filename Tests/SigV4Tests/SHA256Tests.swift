import Foundation
import Testing

@testable import SigV4

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownDigests(_ input: String, _ hex: String) throws {
        #expect(try SHA256.hash(input).hex == hex)
        let hasher = try SHA256()
        for character in input { try hasher.update(String(character)) }
        #expect(try hasher.finalize().hex == hex)
    }

    @Test func base64IsOfTheRawDigest() throws {
        #expect(try SHA256.hash("").base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }

    @Test func finalizeTwiceIsAnError() throws {
        let hasher = try SHA256()
        _ = try hasher.finalize()
        #expect(throws: SigV4Error.self) { try hasher.finalize() }
        #expect(throws: SigV4Error.self) { try hasher.update([1]) }
    }

    /// RFC 4231 test cases 1 and 2.
    @Test func hmacMatchesRFC4231() throws {
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(
            Hex.encode(try HMACSHA256.authenticate(key: key1, message: "Hi There"))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(
            Hex.encode(try HMACSHA256.authenticate(key: Array("Jefe".utf8), message: "what do ya want for nothing?"))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}

@Suite struct SHA256FileTests {
    /// A file of pseudo-random bytes (deterministic LCG) in a fresh temporary directory.
    static func makeFile(size: Int) throws -> (path: String, bytes: [UInt8]) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<size).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigv4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("data.bin")
        try Data(bytes).write(to: url)
        return (url.path, bytes)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    @Test(arguments: [0, 1, 4095, 65_536, 3 * 65_536 + 17])
    func wholeFileMatchesInMemoryHashWithSmallBuffers(_ size: Int) throws {
        let file = try Self.makeFile(size: size)
        defer { Self.remove(file.path) }
        let expected = try SHA256.hash(file.bytes)
        #expect(try SHA256.hash(fileAt: file.path) == expected)
        #expect(try SHA256.hash(fileAt: file.path, bufferSize: 1000) == expected)
    }

    @Test func matchesOpenSSLCommandLine() throws {
        let openssl = "/usr/bin/openssl"
        try #require(FileManager.default.isExecutableFile(atPath: openssl))
        let file = try Self.makeFile(size: 3_000_001)
        defer { Self.remove(file.path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["dgst", "-sha256", "-r", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.hasPrefix(try SHA256.hash(fileAt: file.path).hex))
    }

    @Test func byteRangesMatchSlices() throws {
        let file = try Self.makeFile(size: 10_000)
        defer { Self.remove(file.path) }
        for (offset, length) in [(0, 0), (0, 10_000), (1, 999), (5000, 5000), (9999, 1)] {
            let expected = try SHA256.hash(Array(file.bytes[offset..<offset + length]))
            let got = try SHA256.hash(fileAt: file.path, offset: Int64(offset), length: Int64(length), bufferSize: 333)
            #expect(got == expected, "offset \(offset) length \(length)")
        }
        #expect(throws: SigV4Error.self) { try SHA256.hash(fileAt: file.path, offset: 9000, length: 2000) }
    }

    @Test func partsAndWholeFromOnePass() throws {
        let file = try Self.makeFile(size: 25_000)
        defer { Self.remove(file.path) }
        let result = try SHA256.hashParts(fileAt: file.path, partSize: 10_000, bufferSize: 4096)
        #expect(result.whole == (try SHA256.hash(file.bytes)))
        let expectedParts = try stride(from: 0, to: 25_000, by: 10_000).map {
            try SHA256.hash(Array(file.bytes[$0..<min($0 + 10_000, 25_000)]))
        }
        #expect(result.parts == expectedParts)
    }

    @Test func missingFileReportsOpenAndErrno() throws {
        do {
            _ = try SHA256.hash(fileAt: "/nonexistent/sigv4/file")
            Issue.record("expected an error")
        } catch let error as SigV4Error {
            #expect(error.isFileIOFailure)
            #expect(error.errno == ENOENT)
            #expect(error.message.hasPrefix("open("))
        }
    }
}
