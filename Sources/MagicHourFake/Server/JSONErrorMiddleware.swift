import Hummingbird

/// Turns Hummingbird's own errors (unknown route, wrong method, body too large) into the API's
/// `{"message"}` bodies.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = FakeRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            return FakeResponses.error(
                status, status == 404 ? "Not Found" : (error.body ?? FakeResponses.message(for: status)))
        }
    }
}
