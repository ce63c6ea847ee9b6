import Foundation
import Runtime

/// The shop's price list for one quote, every amount a `Decimal` in the quote's currency.
///
/// Defaults are documented in `docs/kinds/slice-quote.md`; each can be overridden per job in
/// `params.pricing`. The material price defaults to the filament profile's own `filament_cost`
/// (per kg) from the PrusaSlicer bundle, so it is only known once the profile is resolved.
public struct Pricing: Sendable, Equatable {
    public static let defaultMachinePerHour: Decimal = 2
    public static let defaultSetupFee: Decimal = 3
    public static let defaultMarkupPercent: Decimal = 20
    public static let defaultCurrency = "USD"
    /// Upper bound of every money field: a typo (an extra zero or three) must not produce a silly quote.
    public static let maxAmount = 100_000.0

    /// `nil`: take the filament profile's price.
    public var materialPerKg: Decimal?
    public var machinePerHour: Decimal
    public var setupFee: Decimal
    public var markupPercent: Decimal
    public var currency: String

    public init(
        materialPerKg: Decimal? = nil, machinePerHour: Decimal = Self.defaultMachinePerHour,
        setupFee: Decimal = Self.defaultSetupFee, markupPercent: Decimal = Self.defaultMarkupPercent,
        currency: String = Self.defaultCurrency
    ) {
        self.materialPerKg = materialPerKg
        self.machinePerHour = machinePerHour
        self.setupFee = setupFee
        self.markupPercent = markupPercent
        self.currency = currency
    }

    /// Reads `params.pricing` (absent or null: all defaults).
    /// - Throws: ``JobError`` `.invalidJob` naming the field.
    public init(validating value: JSONValue?) throws(JobError) {
        self.init()
        guard let value else { return }
        var reader = try ParamReader(value, path: "params.pricing")
        materialPerKg = try reader.number("materialPerKg", optional: true, range: 0...Self.maxAmount).map(Self.decimal)
        machinePerHour = Self.decimal(try reader.number("machinePerHour", default: 2, range: 0...Self.maxAmount) ?? 2)
        setupFee = Self.decimal(try reader.number("setupFee", default: 3, range: 0...Self.maxAmount) ?? 3)
        markupPercent = Self.decimal(try reader.number("markupPercent", default: 20, range: 0...1000) ?? 20)
        currency = try reader.string("currency", default: Self.defaultCurrency) ?? Self.defaultCurrency
        guard currency.wholeMatch(of: /[A-Z]{3}/) != nil else {
            throw JobError.invalidJob(
                "params.pricing.currency must be an ISO 4217 code of three capital letters, found \"\(currency)\"",
                path: "params.pricing.currency")
        }
        _ = try reader.finish()
    }

    /// The normalised `pricing` object.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let materialPerKg { members.append(("materialPerKg", .number(Money.double(materialPerKg)))) }
        members += [
            ("machinePerHour", .number(Money.double(machinePerHour))), ("setupFee", .number(Money.double(setupFee))),
            ("markupPercent", .number(Money.double(markupPercent))), ("currency", .string(currency)),
        ]
        return .object(members)
    }

    /// A JSON number as the decimal its text spells (`0.1` → exactly 0.1), never via binary rounding.
    static func decimal(_ number: Double) -> Decimal {
        Decimal(string: JSONValue.number(number).compactText, locale: Locale(identifier: "en_US_POSIX"))
            ?? Decimal(number)
    }
}
