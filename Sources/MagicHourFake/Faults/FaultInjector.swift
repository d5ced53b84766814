/// Decides the fault of each request: scripted faults first (in order, per route), then random
/// ones by ``FaultRates``.
struct FaultInjector: Sendable {
    var rates: FaultRates
    private var scripted: [FakeRoute: [FakeFault]] = [:]
    private var fates: [ProjectFate] = []
    private var rateLimitedCount = 0

    init(rates: FaultRates) {
        self.rates = rates
    }

    mutating func inject(_ fault: FakeFault, on route: FakeRoute, count: Int) {
        scripted[route, default: []].append(contentsOf: repeatElement(fault, count: max(0, count)))
    }

    mutating func schedule(_ fates: [ProjectFate]) {
        self.fates.append(contentsOf: fates)
    }

    /// The fault for one request of `route`, if any.
    mutating func next(for route: FakeRoute, using random: inout SeededGenerator) -> FakeFault? {
        if var queue = scripted[route], !queue.isEmpty {
            let fault = queue.removeFirst()
            scripted[route] = queue
            return fault
        }
        guard route != .stats else { return nil }
        if route == .createImageToVideo, random.chance(rates.echoAuthorization) { return .echoAuthorization }
        if random.chance(rates.droppedConnection) { return .dropConnection }
        if random.chance(rates.rateLimited) {
            rateLimitedCount += 1
            return .status(429, retryAfter: rateLimitedCount.isMultiple(of: 2) ? nil : "\(rates.retryAfterSeconds)")
        }
        if random.chance(rates.serverError) { return .status([500, 502, 503].randomElement(using: &random)!) }
        if route == .download, random.chance(rates.truncatedDownload) { return .truncateBody }
        if random.chance(rates.slowResponse) { return .delay(rates.slowResponseDelay) }
        return nil
    }

    /// The fate of a newly created project.
    mutating func fate(using random: inout SeededGenerator) -> ProjectFate {
        if !fates.isEmpty { return fates.removeFirst() }
        if random.chance(rates.projectError) {
            return .error(code: "unknown_error", message: "The render failed (injected by the fake)")
        }
        if random.chance(rates.projectCanceled) { return .canceled }
        return .complete
    }
}
