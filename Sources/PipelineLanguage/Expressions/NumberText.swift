/// Number formatting that does not depend on the C locale.
enum NumberText {
    static func fixed(_ number: Double, decimals: Int) -> String {
        guard number.isFinite else { return String(number) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(number) * scale).rounded()
        guard scaled < 9e15 else { return String(number) }
        let whole = Int64(scaled)
        var digits = String(whole)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (number < 0 && whole != 0 ? "-" : "") + digits
    }

    /// A whole number with thousands separators: `10,000,000,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }
}
