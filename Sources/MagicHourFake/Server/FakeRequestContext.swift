import Hummingbird
import NIOCore

/// Request context of the fake: Hummingbird's core storage plus the connection's channel, which
/// fault injection closes to drop a connection.
struct FakeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Largest JSON body decoded.
    var maxUploadSize: Int { 1 << 20 }
}
