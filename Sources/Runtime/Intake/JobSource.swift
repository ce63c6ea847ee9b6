/// Where the job document comes from (ARCHITECTURE §4, items 1–2).
public enum JobSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case standardInput
    /// Inline JSON in an environment variable (`ONEJOB_JOB`, `INPUT_JOB`).
    case inline(variable: String, json: String)
    /// A URL in an environment variable (`ONEJOB_JOB_URL`, `INPUT_JOB_URL`).
    case url(variable: String, url: String)

    public var description: String {
        switch self {
        case .file(let path): "--job \(path)"
        case .standardInput: "standard input"
        case .inline(let variable, _): variable
        case .url(let variable, _): variable
        }
    }

    /// Picks the one source given. Standard input is read only when nothing else is given and it
    /// is not a terminal, so a container started with `-i` and an env job does not hang reading it.
    /// - Throws: ``JobError`` `.invalidJob` when two sources are given (naming both) or none.
    public static func select(jobArgument: String?, environment: Environment, stdinIsTerminal: Bool) throws(JobError) -> JobSource {
        var given: [JobSource] = []
        if let jobArgument { given.append(jobArgument == "-" ? .standardInput : .file(jobArgument)) }
        for variable in ["ONEJOB_JOB", "INPUT_JOB"] {
            if let json = environment[variable] { given.append(.inline(variable: variable, json: json)) }
        }
        for variable in ["ONEJOB_JOB_URL", "INPUT_JOB_URL", "INPUT_JOB-URL"] {
            if let url = environment[variable] { given.append(.url(variable: variable, url: url)) }
        }
        if given.count > 1 {
            throw .invalidJob("the job was given twice: by \(given[0]) and by \(given[1]); give exactly one source")
        }
        if let source = given.first { return source }
        if !stdinIsTerminal { return .standardInput }
        throw .invalidJob("no job given: use --job FILE, --job - (stdin), ONEJOB_JOB or ONEJOB_JOB_URL")
    }
}
