import Runtime

/// Resolves a part and all its subfiles into one ``LDrawGeometry``, before any tool starts.
///
/// Walks type 1 references depth-first, composing transforms and resolving colour inheritance:
/// code 16 is the colour of the enclosing reference, 24 its edge colour (from `LDConfig.ldr`).
/// Each file is read and parsed once per job however often it is placed (a brick places its stud
/// eight times). Every failure names the file, so "missing subfile" points at what to install.
public final class LDrawResolver {
    /// Deeper nesting than any real part (official parts nest < 10 deep) means a reference loop
    /// the stack check did not catch or a hostile file.
    public static let maxDepth = 64
    /// Flattened primitives; a 30-brick model is ~100,000. Beyond this the drawing is not useful.
    public static let defaultMaxPrimitives = 2_000_000

    /// Used for library colours that `LDConfig.ldr` does not define.
    static let fallbackColor = LDrawColorTable.Entry(name: "unknown", value: "#808080", edge: "#333333")

    private let library: LDrawLibrary
    private let colors: LDrawColorTable
    private let maxPrimitives: Int
    private var parsed: [String: [LDrawCommand]] = [:]
    private var located: [String: String] = [:]
    private var geometry = LDrawGeometry()
    /// Library colour codes `LDConfig.ldr` lacked (drawn grey), for the job's metrics.
    public private(set) var unknownColors: Set<Int> = []

    public init(library: LDrawLibrary, colors: LDrawColorTable, maxPrimitives: Int = defaultMaxPrimitives) {
        self.library = library
        self.colors = colors
        self.maxPrimitives = maxPrimitives
    }

    /// The colours primitives inherit: 16 becomes `main`, 24 becomes `edge`.
    struct Inherited {
        var main: String
        var edge: String
    }

    /// - Parameters:
    ///   - part: the job's part id (`3001` or `3001.dat`), already checked against the id pattern.
    ///   - color: the job's colour code.
    /// - Throws: ``JobError`` `.badInput` for an unknown part or colour, a missing or malformed
    ///   subfile, a reference loop or too many primitives.
    public func resolve(part: String, color: Int) throws(JobError) -> LDrawGeometry {
        let name = part.lowercased().hasSuffix(".dat") ? part : part + ".dat"
        guard let main = colors.value(color), let edge = colors.edge(color) else {
            throw JobError.badInput("colour \(color) is not defined in the library's \(LDrawLibrary.configFile)")
        }
        guard let path = try library.locate(name) else {
            throw JobError.badInput(
                "part \(name) is not in the LDraw library at \(library.root.path) (looked in "
                    + LDrawLibrary.searchFolders.map { $0 + "/" }.joined(separator: ", ") + ")")
        }
        geometry = LDrawGeometry()
        try visit(path: path, name: name, transform: .identity, inherited: Inherited(main: main, edge: edge), stack: [])
        geometry.filesRead = parsed.count
        return geometry
    }

    private func commands(path: String, name: String) throws(JobError) -> [LDrawCommand] {
        if let cached = parsed[path] { return cached }
        let commands = try LDrawParser.parse(try library.read(path: path, name: name), file: name)
        parsed[path] = commands
        return commands
    }

    private func visit(
        path: String, name: String, transform: LDrawTransform, inherited: Inherited, stack: [String]
    ) throws(JobError) {
        guard !stack.contains(path) else {
            throw JobError.badInput("LDraw file \(name) references itself (through \(stack.count) levels)")
        }
        guard stack.count < Self.maxDepth else {
            throw JobError.badInput("LDraw references nest deeper than \(Self.maxDepth) levels at \(name)")
        }
        let nested = stack + [path]
        for command in try commands(path: path, name: name) {
            switch command {
            case .reference(let code, let child, let childName):
                guard let childPath = try locateReference(childName) else {
                    throw JobError.badInput(
                        "subfile \(childName) referenced by \(name) is not in the LDraw library at \(library.root.path)")
                }
                let childColors: Inherited
                switch code {
                case LDrawColorTable.main: childColors = inherited
                case LDrawColorTable.edge: childColors = Inherited(main: inherited.edge, edge: inherited.edge)
                default: childColors = Inherited(main: fill(code), edge: edgeColor(code))
                }
                try visit(
                    path: childPath, name: childName, transform: transform.composed(with: child),
                    inherited: childColors, stack: nested)
            case .line(let code, let a, let b):
                try count()
                geometry.addEdge(transform.apply(a), transform.apply(b), color: lineColor(code, inherited))
            case .triangle(let code, let a, let b, let c):
                try count()
                geometry.addTriangle(
                    transform.apply(a), transform.apply(b), transform.apply(c), color: faceColor(code, inherited))
            case .quad(let code, let a, let b, let c, let d):
                try count()
                let (wa, wb, wc, wd) = (transform.apply(a), transform.apply(b), transform.apply(c), transform.apply(d))
                let color = faceColor(code, inherited)
                geometry.addTriangle(wa, wb, wc, color: color)
                geometry.addTriangle(wa, wc, wd, color: color)
            case .optional(let code, let a, let b, let c1, let c2):
                try count()
                geometry.addOptional(
                    transform.apply(a), transform.apply(b), transform.apply(c1), transform.apply(c2),
                    color: lineColor(code, inherited))
            }
        }
    }

    private func locateReference(_ name: String) throws(JobError) -> String? {
        let key = name.lowercased()
        if let known = located[key] { return known }
        let path = try library.locate(name)
        if let path { located[key] = path }
        return path
    }

    private func count() throws(JobError) {
        guard geometry.primitiveCount < maxPrimitives else {
            throw JobError.badInput("the part flattens to more than \(maxPrimitives) primitives")
        }
    }

    private func faceColor(_ code: Int, _ inherited: Inherited) -> String {
        switch code {
        case LDrawColorTable.main: inherited.main
        case LDrawColorTable.edge: inherited.edge
        default: fill(code)
        }
    }

    /// Lines are usually 24 (the edge colour of whatever the part is); 16 means the part colour itself.
    private func lineColor(_ code: Int, _ inherited: Inherited) -> String {
        faceColor(code, inherited)
    }

    private func fill(_ code: Int) -> String {
        if let value = colors.value(code) { return value }
        unknownColors.insert(code)
        return Self.fallbackColor.value
    }

    private func edgeColor(_ code: Int) -> String {
        if let value = colors.edge(code) { return value }
        unknownColors.insert(code)
        return Self.fallbackColor.edge
    }
}
