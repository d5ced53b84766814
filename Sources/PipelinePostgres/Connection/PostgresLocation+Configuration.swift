import NIOCore
import NIOSSL
import PipelineStore
import PostgresNIO

extension PostgresLocation {
    /// The pool's configuration: TLS by ``tls``, at most `maximumConnections` connections.
    func clientConfiguration(maximumConnections: Int, applicationName: String) throws -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: try clientTLS())
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    /// A single connection's configuration (migrations, the run lock).
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: try connectionTLS())
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    private func tlsConfiguration() -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if self.tls != .verifyFull { tls.certificateVerification = .none }
        return tls
    }

    private func clientTLS() throws -> PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration())
        case .require, .verifyFull: .require(tlsConfiguration())
        }
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch tls {
        case .disable:
            return .disable
        case .prefer:
            return .prefer(try sslContext())
        case .require, .verifyFull:
            return .require(try sslContext())
        }
    }

    private func sslContext() throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: tlsConfiguration())
        } catch {
            throw StateStoreError.cannotOpen(path: description, reason: "cannot set up TLS: \(error)")
        }
    }
}
