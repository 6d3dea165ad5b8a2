#if canImport(Darwin)
    import Darwin

    // One file per platform keeps `#if` out of the CLI logic.
    let interruptSignal = SIGINT
    let terminateSignal = SIGTERM

    @inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        Darwin.write(fd, buffer, count)
    }
    @inline(__always) func systemIsTerminal(_ fd: Int32) -> Bool { Darwin.isatty(fd) == 1 }
    @inline(__always) func systemLastErrorIsInterrupt() -> Bool { errno == EINTR }
    @inline(__always) func systemIgnoreSignal(_ number: Int32) { _ = Darwin.signal(number, SIG_IGN) }
    /// Leaves without running exit handlers: used when the user insists (a second Ctrl-C) and stop may be stuck.
    @inline(__always) func systemExitNow(_ status: Int32) -> Never { Darwin._exit(status) }
#endif
