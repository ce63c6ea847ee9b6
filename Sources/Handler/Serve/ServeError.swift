/// Why `serve` refused a request, with the HTTP status that tells Knative/Eventarc whether to redeliver.
struct ServeError: Error, Sendable, Equatable {
    var status: Int
    var message: String

    /// 400: a malformed event is never redelivered.
    static func malformed(_ message: String) -> ServeError { ServeError(status: 400, message: message) }
    /// 415: batch mode and unknown content types.
    static func unsupported(_ message: String) -> ServeError { ServeError(status: 415, message: message) }
}
