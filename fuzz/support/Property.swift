#if canImport(Glibc)
    import Glibc
#endif

/// Stops the fuzzer when a property of the code under test does not hold.
///
/// libFuzzer records an input as a finding when the process crashes; an `abort()` after printing the
/// broken property turns a wrong answer into a saved reproducer just like a memory error.
public enum Property {
    public static func check(
        _ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
        line: UInt = #line
    ) {
        guard !holds() else { return }
        let text = "property violated at \(file):\(line): \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}
