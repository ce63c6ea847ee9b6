import Foundation
import FuzzSupport

@testable import SigV4

/// Fuzzes the SigV4 canonical request against properties an independent reading of the spec gives:
/// signing is deterministic, a cached signing key changes nothing, percent-encoding round-trips, path
/// normalisation is idempotent, and the canonical request text parses back into the request it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let scenario = SigningScenario(&input)
    let signer = scenario.signer
    let request = scenario.request

    // Encoding: decode(encode(x)) == x, only unreserved bytes and %XX escapes come out.
    for text in [request.path] + request.query.flatMap({ [$0.name, $0.value] }) {
        for keepSlash in [false, true] {
            let encoded = URIEncoding.encode(text, preservingSlash: keepSlash)
            Property.check(Reference.percentDecode(encoded) == Array(text.utf8), "encode/decode of \(text.debugDescription)")
            Property.check(Reference.isEncoded(encoded, keepSlash: keepSlash), "stray byte in \(encoded.debugDescription)")
            let untouched = text.utf8.allSatisfy { URIEncoding.isUnreserved($0) || (keepSlash && $0 == UInt8(ascii: "/")) }
            Property.check((encoded == text) == untouched, "encode changed only what it must: \(text.debugDescription)")
        }
    }

    // Normalisations the spec applies are idempotent.
    let dotless = CanonicalPath.removeDotSegments(request.wirePath)
    Property.check(CanonicalPath.removeDotSegments(dotless) == dotless, "removeDotSegments idempotent: \(dotless)")
    Property.check(dotless.hasPrefix("/"), "removeDotSegments keeps the root: \(dotless)")
    for header in request.headers {
        let once = CanonicalHeaders.normalizeValue(header.value)
        Property.check(CanonicalHeaders.normalizeValue(once) == once, "header value normalisation idempotent")
        Property.check(once == Reference.normalize(header.value), "header value normalisation matches the reference")
    }

    // The canonical request parses back into the request.
    let canonical = signer.canonicalRequest(request)
    Reference.checkRoundTrip(canonical, of: request, signer: signer)

    // Signing is a pure function of its inputs.
    do {
        // Signing twice, once deriving the key and once with it cached, checks both determinism and that
        // a cached key changes nothing, for the price of two signatures.
        let first = try signer.signHeaders(request, time: scenario.time)
        let key = try signer.signingKey(for: scenario.time)
        let second = try signer.signHeaders(request, time: scenario.time, key: key)
        Property.check(first == second, "header signing is deterministic, a cached signing key changes nothing")
        Property.check(Reference.isLowerHex(first.signature, count: 64), "signature is 64 hex digits")
        Property.check(first.authorization.hasSuffix("Signature=" + first.signature), "Authorization carries the signature")
        Property.check(
            first.headers.filter { $0.name.lowercased() == "authorization" }.count == 1, "exactly one Authorization header")
        Reference.checkRoundTrip(first.canonicalRequest, of: signedView(request, first), signer: signer)

        let expiry = scenario.expiry
        let presigned = try? signer.presign(request, time: scenario.time, expiresIn: expiry)
        Property.check((presigned != nil) == (1...SigV4Signer.maximumPresignExpiry).contains(expiry), "expiry range \(expiry)")
        if let presigned {
            let again = try signer.presign(request, time: scenario.time, expiresIn: expiry, key: key)
            Property.check(again == presigned, "presign is deterministic")
            Property.check(presigned.query.hasSuffix("&X-Amz-Signature=" + presigned.signature), "signature is last in the query")
            let names = Reference.parseQuery(presigned.query)?.map(\.name) ?? []
            let signatures = names.filter { $0 == Array("X-Amz-Signature".utf8) }.count
            Property.check(signatures == 1 || request.query.contains { $0.name == "X-Amz-Signature" },
                "one X-Amz-Signature in \(presigned.query)")
        }
    } catch {
        Property.check(false, "signing failed: \(error)")
    }

    // SigningTime's two spellings agree.
    let parsed = SigningTime(amzDate: scenario.time.amzDate)
    Property.check(parsed == scenario.time, "amzDate \(scenario.time.amzDate) parses back")
    return 0
}

/// The request as signed: the signer's headers replace the caller's copies before the canonical request.
private func signedView(_ request: SigV4Request, _ signed: SignedRequest) -> SigV4Request {
    var view = request
    view.headers = signed.headers.filter { $0.name.lowercased() != "authorization" }
    return view
}
