/// The derived key `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
///
/// Deriving it costs four HMACs and it only changes per day, region and service, so callers signing many
/// requests (multipart parts, presigned URLs for every output) may keep one and pass it back in.
/// Its text forms never show the key bytes.
public struct SigningKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public let dateStamp: String
    public let region: String
    public let service: String
    let bytes: [UInt8]

    /// - Throws: ``SigV4Error`` if an HMAC fails.
    public init(secretAccessKey: String, dateStamp: String, region: String, service: String) throws {
        var key = try HMACSHA256.authenticate(key: Array(("AWS4" + secretAccessKey).utf8), message: dateStamp)
        key = try HMACSHA256.authenticate(key: key, message: region)
        key = try HMACSHA256.authenticate(key: key, message: service)
        key = try HMACSHA256.authenticate(key: key, message: "aws4_request")
        self.dateStamp = dateStamp
        self.region = region
        self.service = service
        self.bytes = key
    }

    /// Whether this key is valid for a signature at `time` in `region` for `service`.
    public func isValid(for time: SigningTime, region: String, service: String) -> Bool {
        dateStamp == time.dateStamp && self.region == region && self.service == service
    }

    public var description: String { "SigningKey(\(dateStamp)/\(region)/\(service), <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["scope": "\(dateStamp)/\(region)/\(service)"], displayStyle: .struct)
    }
}
