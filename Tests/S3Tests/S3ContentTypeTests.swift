import Testing

@testable import S3

@Suite struct S3ContentTypeTests {
    @Test(arguments: [
        ("part.stl", "model/stl"), ("m.OBJ", "model/obj"), ("x.glb", "model/gltf-binary"),
        ("x.gltf", "model/gltf+json"), ("x.ply", "application/octet-stream"), ("x.3mf", "model/3mf"),
        ("3001.svg", "image/svg+xml"), ("a/preview.png", "image/png"), ("p.jpg", "image/jpeg"),
        ("p.jpeg", "image/jpeg"), ("print.tiff", "image/tiff"), ("model.gcode", "text/x.gcode"),
        ("quote.json", "application/json"), ("notes.txt", "text/plain; charset=utf-8"),
        ("noext", "application/octet-stream"), (".hidden", "application/octet-stream"),
        ("dir.png/file", "application/octet-stream"), ("x.unknown", "application/octet-stream"),
    ])
    func fromExtension(_ path: String, _ expected: String) {
        #expect(S3ContentType.forPath(path) == expected)
    }
}
