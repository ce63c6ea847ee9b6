import Foundation

/// The instant a request is signed, in the two UTC spellings SigV4 uses.
///
/// Always passed in (never read from the clock inside the signer) so signing is reproducible in tests and
/// the caller can correct for clock skew. Formatting is plain calendar arithmetic: no `DateFormatter`,
/// no locale or time zone state.
public struct SigningTime: Sendable, Hashable, CustomStringConvertible {
    /// `YYYYMMDD'T'HHMMSS'Z'`, the `X-Amz-Date` value.
    public let amzDate: String
    /// `YYYYMMDD`, the first element of the credential scope.
    public var dateStamp: String { String(amzDate.prefix(8)) }

    /// - Parameter date: the signing instant; sub-second precision is dropped.
    public init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        amzDate =
            Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + "T"
            + Self.pad(secondOfDay / 3600, 2) + Self.pad(secondOfDay % 3600 / 60, 2) + Self.pad(secondOfDay % 60, 2)
            + "Z"
    }

    /// Parses an `X-Amz-Date` value; `nil` unless it has exactly the `YYYYMMDDTHHMMSSZ` shape.
    public init?(amzDate: String) {
        let bytes = Array(amzDate.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        let digitPositions = Array(0..<8) + Array(9..<15)
        guard digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }) else {
            return nil
        }
        self.amzDate = amzDate
    }

    public var description: String { amzDate }

    /// Proleptic Gregorian (year, month, day) for a day count from 1970-01-01, by the era-based
    /// method: shift to a March-based year so the leap day falls at the end.
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
