/// The fields of an S3 `<Error>` document the client acts on.
///
/// S3 error bodies are small, flat and machine-generated, so a tolerant tag scanner (``S3XML``) reads them;
/// a body that is not XML at all (a proxy's HTML page, an empty HEAD answer) still yields a usable error
/// from the status alone.
public struct S3ErrorDocument: Sendable, Equatable {
    public var code: String?
    public var message: String?
    public var requestId: String?

    public init(code: String? = nil, message: String? = nil, requestId: String? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// Parses `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>`; nil when the body
    /// holds no `<Error>` element.
    public init?(body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        guard let error = S3XML.elements("Error", in: text).first else { return nil }
        code = S3XML.value("Code", in: error)
        message = S3XML.value("Message", in: error)
        requestId = S3XML.value("RequestId", in: error)
    }
}
