import Foundation

/// Rounding money to cents, in one place, so every line of a quote rounds the same way.
enum Money {
    /// Half away from zero to 2 decimals (what a customer expects: 0.125 → 0.13).
    static func cents(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        return output
    }

    /// For JSON output only: parsed from the decimal's own text, so 0.81 stays 0.81
    /// (`NSDecimalNumber.doubleValue` gives 0.8099999999999999).
    static func double(_ value: Decimal) -> Double {
        Double(value.description) ?? NSDecimalNumber(decimal: value).doubleValue
    }
}
