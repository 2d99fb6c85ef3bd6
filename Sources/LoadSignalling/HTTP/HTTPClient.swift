import LoadModel
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for a server's control API: one TCP connection per request
/// (`Connection: close`; the harness's calls are few and go to loopback), the whole response
/// read into memory.
///
/// Invariants: every request finishes within its timeout (connecting included) or fails with
/// `SignallingError.timedOut`; a response body over `responseLimit` bytes fails the request
/// instead of growing memory; cancelling the calling task ends the request at once.
struct HTTPClient: Sendable {
    let endpoint: HTTPEndpoint
    let timeout: Duration
    let responseLimit: Int
    private let group: MultiThreadedEventLoopGroup

    init(endpoint: HTTPEndpoint, timeout: Duration, responseLimit: Int = 1 << 20,
         group: MultiThreadedEventLoopGroup = .singleton) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.responseLimit = responseLimit
        self.group = group
    }

    /// Sends `request` (its path is appended to the endpoint's base path) and returns the
    /// response, whatever its status. `step` names the call in errors; `timeout` overrides the
    /// client's (the Janus long poll waits longer than a request).
    func send(_ request: HTTPRequest, step: String, timeout: Duration? = nil) async throws(SignallingError) -> HTTPResponse {
        let limit = TimeAmount(timeout ?? self.timeout)
        let loop = group.next()
        let promise = loop.makePromise(of: HTTPResponse.self)
        let deadline = loop.scheduleTask(in: limit) { promise.fail(HTTPClientFailure.timedOut) }
        promise.futureResult.whenComplete { _ in deadline.cancel() }

        let head = requestHead(request)
        let body = request.body
        let responseLimit = responseLimit
        ClientBootstrap(group: loop)
            .connectTimeout(limit)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPResponseCollector(promise: promise, limit: responseLimit))
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .whenComplete { result in
                switch result {
                case .failure(let error):
                    promise.fail(HTTPClientFailure.connect(String(describing: error)))
                case .success(let channel):
                    promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
                    channel.write(HTTPClientRequestPart.head(head), promise: nil)
                    if !body.isEmpty {
                        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
                    }
                    channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { error in
                        promise.fail(HTTPClientFailure.broken("sending the request failed: \(error)"))
                    }
                }
            }

        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(HTTPClientFailure.cancelled)
            }
        } catch let failure as HTTPClientFailure {
            throw failure.signallingError(step: step, endpoint: endpoint, responseLimit: responseLimit)
        } catch {
            throw .unreachable("\(step): \(error)")
        }
    }

    private func requestHead(_ request: HTTPRequest) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "User-Agent", value: "switchboard-load")
        headers.add(name: "Connection", value: "close")
        if !request.body.isEmpty || request.method != "GET" {
            headers.add(name: "Content-Length", value: String(request.body.count))
        }
        for header in request.headers { headers.add(name: header.name, value: header.value) }
        return HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method),
                               uri: endpoint.basePath + request.path, headers: headers)
    }
}

/// Why a request ended without a response (mapped to `SignallingError` with the step's name).
enum HTTPClientFailure: Error, Sendable {
    case timedOut
    case connect(String)
    case broken(String)
    case tooLarge
    case cancelled

    func signallingError(step: String, endpoint: HTTPEndpoint, responseLimit: Int) -> SignallingError {
        switch self {
        case .timedOut: .timedOut(step: step)
        case .connect(let reason): .unreachable("\(step): cannot connect to \(endpoint): \(reason)")
        case .broken(let reason): .unreachable("\(step): \(reason)")
        case .tooLarge: .malformed(step: step, reason: "the response is larger than \(responseLimit) bytes")
        case .cancelled: .unreachable("\(step): cancelled")
        }
    }
}

/// Collects one response (head, body parts, end) and completes the request's promise; fails it
/// when the body passes the limit or the connection ends early.
final class HTTPResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPResponse>
    private let limit: Int
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(promise: EventLoopPromise<HTTPResponse>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            // 1xx answers (100 Continue) come before the real head.
            if received.status.code >= 200 { head = received }
        case .body(let buffer):
            guard body.count + buffer.readableBytes <= limit else {
                promise.fail(HTTPClientFailure.tooLarge)
                context.close(promise: nil)
                return
            }
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else {
                promise.fail(HTTPClientFailure.broken("the response had no status line"))
                context.close(promise: nil)
                return
            }
            let headers = head.headers.map { (name: $0.name, value: $0.value) }
            promise.succeed(HTTPResponse(status: Int(head.status.code), headers: headers, body: body))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(HTTPClientFailure.broken("the connection failed: \(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(HTTPClientFailure.broken("the server closed the connection before the response ended"))
        context.fireChannelInactive()
    }
}
