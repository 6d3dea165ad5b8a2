import CPexSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One accepted TCP connection. Confined to its event loop: call its methods only on `loop`
/// (use `loop.execute` from elsewhere). Writes are attempted at once and queued only if the kernel is full.
public final class Connection: @unchecked Sendable {
    public let descriptor: Int32
    public unowned let loop: EventLoop
    public var delegate: (any ConnectionDelegate)?
    /// Monotonic milliseconds after which the delegate hears `connectionDidTimeOut`; 0 for none.
    public var deadline: UInt64 = 0
    public private(set) var isClosed = false
    /// Opaque per-connection number, for logs.
    public let serial: UInt64

    private var output: [OutputChunk] = []
    /// Bytes queued and not yet written (the part of `output[0]` already written excluded).
    public private(set) var pendingOutputBytes = 0
    /// Bytes of `output[0]` already written.
    private var headOffset = 0
    private var closeWhenDrained = false
    private var reading = true
    private var registeredInterest: UInt32 = PEX_POLL_READ

    init(descriptor: Int32, loop: EventLoop, serial: UInt64) {
        self.descriptor = descriptor
        self.loop = loop
        self.serial = serial
    }

    public var hasPendingOutput: Bool { !output.isEmpty }

    /// The client's numeric address ("127.0.0.1", "::1"), looked up once; nil if the socket cannot say.
    public private(set) lazy var peerAddress: String? = {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa -> String? in
                guard getpeername(descriptor, sa, &length) == 0 else { return nil }
                return ListeningSocket.numericHost(sa, length: length)
            }
        }
    }()

    /// Queues chunks and writes as much as the kernel takes now.
    public func write(_ chunks: [OutputChunk]) {
        guard !isClosed else { return }
        let wasEmpty = output.isEmpty
        output.append(contentsOf: chunks)
        for chunk in chunks { pendingOutputBytes += chunk.count }
        if wasEmpty { flush() }
    }

    /// Closes once everything queued has been written.
    public func closeAfterDrain() {
        guard !isClosed else { return }
        closeWhenDrained = true
        if output.isEmpty { close() }
    }

    /// Half-closes: the peer sees end-of-stream while we can still read (and discard) what it sends, so a
    /// final error response is not destroyed by a reset (nginx's lingering close).
    public func shutdownWrite() {
        guard !isClosed else { return }
        systemShutdownWrite(descriptor)
    }

    /// Stops or resumes reading (back-pressure while a response is pending).
    public func setReading(_ on: Bool) {
        guard !isClosed, reading != on else { return }
        reading = on
        updateInterest()
    }

    /// Closes now; queued output is dropped.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        output.removeAll()
        pendingOutputBytes = 0
        loop.remove(self)
        _ = systemClose(descriptor)
        let delegate = self.delegate
        self.delegate = nil
        delegate?.connectionDidClose(self)
    }

    // MARK: loop callbacks

    func handle(events: UInt32, buffer: UnsafeMutableRawBufferPointer) {
        if events & PEX_POLL_ERROR != 0 && events & PEX_POLL_READ == 0 {
            close()
            return
        }
        if events & PEX_POLL_WRITE != 0 { flush() }
        if !isClosed && reading && events & (PEX_POLL_READ | PEX_POLL_HUP) != 0 { readAvailable(buffer) }
    }

    private func readAvailable(_ buffer: UnsafeMutableRawBufferPointer) {
        // A few reads per wake-up keeps one busy client from starving the others on this loop.
        for _ in 0..<4 {
            guard !isClosed, reading, let base = buffer.baseAddress else { return }
            let n = systemRead(descriptor, base, buffer.count)
            if n > 0 {
                delegate?.connection(self, didRead: UnsafeRawBufferPointer(start: base, count: n))
                if n < buffer.count { return }
            } else if n == 0 {
                reading = false
                updateInterest()
                if let delegate { delegate.connectionDidReadEnd(self) } else { close() }
                return
            } else {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return }
                close()
                return
            }
        }
    }

    private func flush() {
        while !output.isEmpty && !isClosed {
            let written: Int
            switch output[0] {
            case .file(let region):
                var offset = region.offset + Int64(headOffset)
                written = pex_sendfile(descriptor, region.file.descriptor, &offset, region.count - headOffset)
                if written == 0 {
                    // The file shrank under us: the promised Content-Length can no longer be met, and a
                    // short body would desynchronise the connection, so end it.
                    close()
                    return
                }
            case .bytes:
                written = writeGathered()
            }
            if written < 0 {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK {
                    updateInterest()
                    return
                }
                if code == EINTR { continue }
                close()
                return
            }
            consume(written)
        }
        guard !isClosed else { return }
        updateInterest()
        if closeWhenDrained {
            close()
            return
        }
        delegate?.connectionDidDrain(self)
    }

    /// One writev over the leading run of in-memory chunks (up to 16).
    private func writeGathered() -> Int {
        var end = 0
        while end < output.count && end < 16, case .bytes = output[end] { end += 1 }
        return withUnsafeTemporaryAllocation(of: iovec.self, capacity: 16) { iovs in
            gather(index: 0, end: end, iovs: iovs, used: 0)
        }
    }

    private func gather(index: Int, end: Int, iovs: UnsafeMutableBufferPointer<iovec>, used: Int) -> Int {
        if index == end {
            if used == 0 { return 0 }
            return systemWritev(descriptor, iovs.baseAddress!, Int32(used))
        }
        guard case .bytes(let bytes) = output[index] else {
            return gather(index: end, end: end, iovs: iovs, used: used)
        }
        return bytes.withUnsafeBytes { raw -> Int in
            let skip = index == 0 ? headOffset : 0
            guard let base = raw.baseAddress, raw.count > skip else {
                return gather(index: index + 1, end: end, iovs: iovs, used: used)
            }
            iovs[used] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base + skip), iov_len: raw.count - skip)
            return gather(index: index + 1, end: end, iovs: iovs, used: used + 1)
        }
    }

    private func consume(_ written: Int) {
        pendingOutputBytes -= written
        var remaining = written
        while !output.isEmpty {
            let left = output[0].count - headOffset
            if remaining >= left {
                remaining -= left
                output.removeFirst()
                headOffset = 0
            } else {
                headOffset += remaining
                return
            }
        }
    }

    private func updateInterest() {
        guard !isClosed else { return }
        var interest: UInt32 = 0
        if reading { interest |= PEX_POLL_READ }
        if !output.isEmpty { interest |= PEX_POLL_WRITE }
        if interest != registeredInterest {
            registeredInterest = interest
            loop.modify(self, interest: interest)
        }
    }
}
