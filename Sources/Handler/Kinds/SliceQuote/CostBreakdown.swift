import Foundation

/// The money side of a quote: pure arithmetic on `Decimal`, rounded to cents line by line.
///
/// The rule, also in `docs/kinds/slice-quote.md`:
/// - material per piece = grams × price per kg ÷ 1000, rounded to cents;
/// - machine per piece = print seconds × hourly rate ÷ 3600, rounded to cents;
/// - material and machine lines = per piece × quantity;
/// - subtotal = material + machine + setup fee (once per order);
/// - markup = subtotal × markup % ÷ 100, rounded to cents;
/// - total = subtotal + markup; unit price = total ÷ quantity, rounded to cents (informative).
/// Rounding per piece before multiplying means the lines always add up to the total exactly.
public struct CostBreakdown: Sendable, Equatable {
    public var currency: String
    public var quantity: Int
    public var materialPerKg: Decimal
    public var materialPerPiece: Decimal
    public var machinePerPiece: Decimal
    public var material: Decimal
    public var machine: Decimal
    public var setupFee: Decimal
    public var subtotal: Decimal
    public var markup: Decimal
    public var total: Decimal
    public var unitPrice: Decimal

    public init(grams: Decimal, printSeconds: Int, quantity: Int, pricing: Pricing, materialPerKg: Decimal) {
        currency = pricing.currency
        self.quantity = quantity
        self.materialPerKg = materialPerKg
        materialPerPiece = Money.cents(grams * materialPerKg / 1000)
        machinePerPiece = Money.cents(Decimal(printSeconds) * pricing.machinePerHour / 3600)
        material = materialPerPiece * Decimal(quantity)
        machine = machinePerPiece * Decimal(quantity)
        setupFee = Money.cents(pricing.setupFee)
        subtotal = material + machine + setupFee
        markup = Money.cents(subtotal * pricing.markupPercent / 100)
        total = subtotal + markup
        unitPrice = Money.cents(total / Decimal(quantity))
    }
}
