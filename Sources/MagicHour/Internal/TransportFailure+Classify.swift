import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TransportFailure {
    /// Classifies an error thrown by AsyncHTTPClient.
    init(classifying error: any Error, request: String) {
        let kind: Kind
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout: kind = .connectionFailed
            case .readTimeout, .deadlineExceeded, .writeTimeout: kind = .timedOut
            case .remoteConnectionClosed, .bodyLengthMismatch: kind = .connectionClosed
            default: kind = .other
            }
        case is NIOConnectionError:
            kind = .connectionFailed
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL: kind = .connectionFailed
            case ECONNRESET, EPIPE: kind = .connectionClosed
            default: kind = .other
            }
        case let error as ChannelError:
            switch error {
            case .connectTimeout: kind = .connectionFailed
            case .ioOnClosedChannel, .eof, .outputClosed, .inputClosed, .alreadyClosed: kind = .connectionClosed
            default: kind = .other
            }
        default:
            // HTTP parse errors on a half-sent response (e.g. EOF mid-body) land here.
            kind = String(describing: error).contains("EOF") ? .connectionClosed : .other
        }
        self.init(kind: kind, detail: String(describing: error), request: request)
    }
}
