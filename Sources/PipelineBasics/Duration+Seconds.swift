extension Duration {
    /// The duration as fractional seconds (the one conversion every layer uses).
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
