import Foundation
import FuzzSupport
import Runtime

@testable import HandlerParsers

/// Fuzzes the LDraw parser on file text and the resolver on a part whose file is the fuzz input.
///
/// Properties: the parser fails only with exit class 65; on success it yields one command per drawing
/// line (every line whose first word is not `0`), and the commands written back as LDraw text parse to
/// the same commands. The resolver, placing the same file as a part in a small library, fails only with
/// 65 and flattens exactly the primitives the commands and their subfiles hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let commands: [LDrawCommand]
    do {
        commands = try LDrawParser.parse(text, file: "fuzz.dat")
    } catch {
        Property.check(error.code == .badInput, "parser failed with \(error.code): \(error)")
        return 0
    }
    Property.check(commands.count == LDrawText.drawingLineCount(text), "one command per drawing line")
    let written = LDrawText.write(commands)
    do {
        let again = try LDrawParser.parse(written, file: "written.dat")
        Property.check(again == commands, "written commands parse back differently:\n\(written)")
    } catch {
        Property.check(false, "written commands do not parse: \(error)\n\(written)")
    }
    FuzzLibrary.shared.checkResolution(of: bytes, commands: commands)
    return 0
}
