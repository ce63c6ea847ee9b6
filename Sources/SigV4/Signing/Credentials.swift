import Foundation

/// AWS access credentials.
///
/// Every textual form (`description`, `debugDescription`, `dump`/`Mirror`) shows only the access key id:
/// credentials travel through logs, error messages and result documents, and a secret printed once is a
/// secret leaked.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var accessKeyId: String
    public var secretAccessKey: String
    /// Present for temporary credentials (STS, container and instance roles).
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys. Callers refresh ahead of it.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "Credentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>"
            + (sessionToken == nil ? "" : ", sessionToken: <redacted>") + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": accessKeyId, "secret": "<redacted>"], displayStyle: .struct)
    }
}
