/// How hard a part is to print, for the shop's eyes: `low`, `medium` or `high`.
///
/// Points: 2 when more than 10 % of the surface overhangs as printed (1 when more than 2 %);
/// 1 when supports are generated (supports enabled and any overhang left); 1 when the model has
/// several separate parts; 1 when it is not watertight. 0 → low, 1–2 → medium, 3+ → high.
public enum Complexity: String, Sendable, Equatable {
    case low, medium, high

    public static func rate(overhangShare: Double, supportsUsed: Bool, parts: Int, manifold: Bool) -> Complexity {
        var points = overhangShare > 0.10 ? 2 : overhangShare > 0.02 ? 1 : 0
        if supportsUsed { points += 1 }
        if parts > 1 { points += 1 }
        if !manifold { points += 1 }
        switch points {
        case 0: return .low
        case 1...2: return .medium
        default: return .high
        }
    }
}
