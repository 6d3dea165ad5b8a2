#if canImport(Glibc)
    import Glibc

    // One file per platform keeps `#if` out of the socket logic.
    let socketStreamType = Int32(SOCK_STREAM.rawValue)
    let resourceOpenFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    @inline(__always) func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    @inline(__always) func systemBind(_ fd: Int32, _ sa: UnsafePointer<sockaddr>, _ len: socklen_t) -> Int32 {
        Glibc.bind(fd, sa, len)
    }
    @inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        Glibc.read(fd, buffer, count)
    }
    @inline(__always) func systemWritev(_ fd: Int32, _ iov: UnsafePointer<iovec>, _ count: Int32) -> Int {
        Glibc.writev(fd, iov, count)
    }
    @inline(__always) func systemConnect(_ fd: Int32, _ sa: UnsafePointer<sockaddr>, _ len: socklen_t) -> Int32 {
        Glibc.connect(fd, sa, len)
    }
    @inline(__always) func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.send(fd, buffer, count, Int32(MSG_NOSIGNAL))
    }
    @inline(__always) func systemShutdownWrite(_ fd: Int32) { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Writes to a closed peer must return EPIPE, not kill the process.
    public func ignoreBrokenPipeSignal() { _ = signal(SIGPIPE, SIG_IGN) }
#endif
