import CPexSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bound, listening, non-blocking TCP socket on one address.
public final class ListeningSocket: @unchecked Sendable {
    public let descriptor: Int32
    /// The numeric address it is bound to (`127.0.0.1`, `::1`).
    public let address: String
    /// The actual port (the kernel's choice when 0 was asked for).
    public let port: Int
    public var isIPv6: Bool { address.contains(":") }

    private init(descriptor: Int32, address: String, port: Int) {
        self.descriptor = descriptor
        self.address = address
        self.port = port
    }

    /// Binds every address `host` resolves to (a literal or a name such as `localhost`) on `port`.
    /// Either all succeed or none stay open.
    public static func bind(host: String, port: Int) throws(SocketError) -> [ListeningSocket] {
        let addresses = try resolve(host: host)
        var sockets: [ListeningSocket] = []
        var chosenPort = port
        for address in addresses {
            do {
                let socket = try bindOne(address: address, port: chosenPort, requestedPort: port)
                // With port 0 and several addresses, later ones reuse the first kernel-chosen port.
                chosenPort = socket.port
                sockets.append(socket)
            } catch {
                for socket in sockets { socket.close() }
                throw error
            }
        }
        return sockets
    }

    public func close() {
        _ = systemClose(descriptor)
    }

    /// Numeric addresses for a host: literals pass through; names go through getaddrinfo.
    public static func resolve(host: String) throws(SocketError) -> [String] {
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if isNumericAddress(literal) { return [literal] }
        var hints = addrinfo()
        hints.ai_flags = AI_ADDRCONFIG
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketStreamType
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(literal, nil, &hints, &list) == 0, let first = list else {
            throw SocketError(.unresolvableHost(host))
        }
        defer { freeaddrinfo(list) }
        var out: [String] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let sa = entry.pointee.ai_addr, let text = numericHost(sa, length: entry.pointee.ai_addrlen),
                !out.contains(text)
            {
                out.append(text)
            }
            node = entry.pointee.ai_next
        }
        if out.isEmpty { throw SocketError(.unresolvableHost(host)) }
        return out
    }

    public static func isNumericAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    static func numericHost(_ sa: UnsafeMutablePointer<sockaddr>, length: socklen_t) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(sa, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func bindOne(address: String, port: Int, requestedPort: Int) throws(SocketError) -> ListeningSocket {
        let v6 = address.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, socketStreamType, 0)
        guard fd >= 0 else { throw SocketError.system("socket") }
        var ok = false
        defer { if !ok { _ = systemClose(fd) } }
        _ = pex_set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1)
        if v6 { _ = pex_set_int_option(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)

        let result = SocketAddress.withSockaddr(address, port: port) { systemBind(fd, $0, $1) }
        if result != 0 {
            let code = errno
            switch code {
            case EADDRINUSE: throw SocketError(.addressInUse(port: requestedPort == 0 ? port : requestedPort))
            case EADDRNOTAVAIL: throw SocketError(.addressNotAvailable(host: address))
            case EACCES: throw SocketError(.permissionDenied(port: port))
            default: throw SocketError.system("bind \(address):\(port)", code)
            }
        }
        guard listen(fd, SOMAXCONN) == 0 else { throw SocketError.system("listen") }
        let actual = boundPort(fd, v6: v6) ?? port
        ok = true
        return ListeningSocket(descriptor: fd, address: address, port: actual)
    }

    private static func boundPort(_ fd: Int32, v6: Bool) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let r = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard r == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if v6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }
}
