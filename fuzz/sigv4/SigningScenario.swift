import Foundation
import FuzzSupport
import SigV4

/// A signer, a request and a time carved from a fuzz input.
struct SigningScenario {
    var signer: SigV4Signer
    var request: SigV4Request
    var time: SigningTime
    var expiry: Int

    /// HTTP `tchar`s: what a method or header name may be made of on the wire.
    static let tokenAlphabet = Array("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    /// What an already-encoded wire path may contain (RFC 3986 pchar, `/`, `%`).
    static let wirePathAlphabet = Array("/%0123456789ABCDEFabcdefXYZxyz-._~!$&'()*+,;=:@".utf8)

    init(_ input: inout FuzzInput) {
        let flags = input.byte()
        let rules: SigningRules = flags & 1 == 0 ? .s3 : .generic
        let token: String? = flags & 2 == 0 ? nil : "session/token+" + input.string(limit: 16)
        let credentials = Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: token)
        signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: rules == .s3 ? "s3" : "iam", rules: rules)

        let method = input.token(from: Self.tokenAlphabet, limit: 8)
        let pathIsEncoded = flags & 4 != 0
        let path = pathIsEncoded ? input.token(from: Self.wirePathAlphabet, limit: 48) : input.string(limit: 48)
        var query: [SigV4Request.QueryItem] = []
        for _ in 0..<Int(input.byte() % 6) {
            query.append(.init(input.string(limit: 16), input.string(limit: 24)))
        }
        var headers: [SigV4Request.Header] = [.init("Host", "example.amazonaws.com")]
        for _ in 0..<Int(input.byte() % 6) {
            headers.append(.init(input.token(from: Self.tokenAlphabet, limit: 12), input.string(limit: 32)))
        }
        let payload: PayloadHash = switch flags >> 3 & 3 {
        case 0: .empty
        case 1: .unsigned
        case 2: .streaming
        default: PayloadHash(value: String(repeating: "ab", count: 32))
        }
        request = SigV4Request(method: method, path: path, pathIsEncoded: pathIsEncoded, query: query, headers: headers, payload: payload)

        // Any second from year 0 to 9999 (four-digit years, as X-Amz-Date has).
        let raw = (0..<5).reduce(UInt64(0)) { value, _ in value << 8 | UInt64(input.byte()) }
        let seconds = Int64(raw % 315_537_897_600) - 62_167_219_200
        time = SigningTime(Date(timeIntervalSince1970: TimeInterval(seconds)))
        expiry = Int(Int16(bitPattern: UInt16(input.byte()) << 8 | UInt16(input.byte()))) * 20
    }
}
