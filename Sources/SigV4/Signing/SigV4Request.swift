/// The parts of an HTTP request that SigV4 signs, independent of any HTTP library.
///
/// Headers are an ordered list that may repeat a name, because SigV4 joins repeated values in their original
/// order. Query items are unencoded name/value pairs; the signer does all query encoding so the signed
/// query and the sent query cannot disagree (use ``SigV4Signer/canonicalQuery(_:)`` for the wire).
public struct SigV4Request: Sendable, Hashable {
    /// One header line; names are compared case-insensitively.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One query parameter, unencoded. A parameter without `=` has an empty value.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var method: String
    /// The path: unencoded (an object key with `/` separators) or already percent-encoded as on the wire,
    /// as said by ``pathIsEncoded``.
    public var path: String
    /// Whether ``path`` is already in wire (percent-encoded) form.
    public var pathIsEncoded: Bool
    public var query: [QueryItem]
    /// Must include `Host` (and any header the server must not be able to change).
    public var headers: [Header]
    public var payload: PayloadHash

    public init(
        method: String, path: String, pathIsEncoded: Bool = false, query: [QueryItem] = [], headers: [Header],
        payload: PayloadHash
    ) {
        self.method = method
        self.path = path
        self.pathIsEncoded = pathIsEncoded
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// The path as it goes on the wire (request line): encoded once, `/` kept.
    public var wirePath: String {
        let encoded = pathIsEncoded ? path : URIEncoding.encode(path, preservingSlash: true)
        return encoded.isEmpty ? "/" : encoded
    }

    /// Whether a header of this name (case-insensitive) is present.
    func hasHeader(_ lowercasedName: String) -> Bool {
        headers.contains { $0.name.lowercased() == lowercasedName }
    }
}
