import FuzzSupport
import Runtime

/// Fuzzes the strict JSON parser and the job decoder on raw document bytes.
///
/// Properties: the parser accepts only valid UTF-8 and bounded nesting, and what it accepts re-serialises
/// (compact, pretty, canonical) to text that parses back to the same value; the decoder fails only with
/// exit class 64, and an accepted job's own document decodes again to the same job and the same id.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    JSONProperties.check(bytes)
    JobProperties.check(bytes)
    return 0
}
