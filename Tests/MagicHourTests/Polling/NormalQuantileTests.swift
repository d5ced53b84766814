import Testing

@testable import MagicHour

@Suite("Normal quantile")
struct NormalQuantileTests {
    @Test("Φ⁻¹ at known points, symmetric, monotone, and infinite or NaN at and past the ends")
    func knownValues() {
        let known: [(p: Double, z: Double)] = [
            (0.5, 0), (0.975, 1.959963985), (0.8413447461, 1), (0.01, -2.326347874), (1e-4, -3.719016485),
            (0.02425, -1.972961051), (0.3, -0.524400513),
        ]
        for (p, z) in known {
            #expect(abs(NormalQuantile.of(p) - z) < 1e-8, "Φ⁻¹(\(p)) = \(NormalQuantile.of(p)), not \(z)")
            #expect(abs(NormalQuantile.of(1 - p) + z) < 1e-8)
        }
        var previous = -Double.infinity
        for step in 1..<1000 {
            let z = NormalQuantile.of(Double(step) / 1000)
            #expect(z > previous)
            previous = z
        }
        #expect(NormalQuantile.of(0) == -.infinity && NormalQuantile.of(1) == .infinity)
        #expect(NormalQuantile.of(-0.1).isNaN && NormalQuantile.of(1.5).isNaN && NormalQuantile.of(.nan).isNaN)
    }
}
