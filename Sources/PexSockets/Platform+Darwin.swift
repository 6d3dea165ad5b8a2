#if canImport(Darwin)
    import Darwin

    // One file per platform keeps `#if` out of the socket logic.
    let socketStreamType = SOCK_STREAM
    let resourceOpenFiles = RLIMIT_NOFILE
    @inline(__always) func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    @inline(__always) func systemBind(_ fd: Int32, _ sa: UnsafePointer<sockaddr>, _ len: socklen_t) -> Int32 {
        Darwin.bind(fd, sa, len)
    }
    @inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        Darwin.read(fd, buffer, count)
    }
    @inline(__always) func systemWritev(_ fd: Int32, _ iov: UnsafePointer<iovec>, _ count: Int32) -> Int {
        Darwin.writev(fd, iov, count)
    }
    @inline(__always) func systemConnect(_ fd: Int32, _ sa: UnsafePointer<sockaddr>, _ len: socklen_t) -> Int32 {
        Darwin.connect(fd, sa, len)
    }
    @inline(__always) func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        Darwin.send(fd, buffer, count, 0)
    }
    @inline(__always) func systemShutdownWrite(_ fd: Int32) { _ = Darwin.shutdown(fd, SHUT_WR) }

    /// Writes to a closed peer must return EPIPE, not kill the process.
    public func ignoreBrokenPipeSignal() { _ = signal(SIGPIPE, SIG_IGN) }
#endif
