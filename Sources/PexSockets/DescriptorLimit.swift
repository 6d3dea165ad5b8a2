#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lifts the soft open-file limit to the hard one (at most 65,536), as nginx and Go do: the usual soft
/// default of 1,024 would cap a server at fewer connections than its own limit.
func raiseDescriptorLimit() {
    var limit = rlimit()
    guard getrlimit(resourceOpenFiles, &limit) == 0 else { return }
    let wanted = min(limit.rlim_max, 65_536)
    if limit.rlim_cur < wanted {
        limit.rlim_cur = wanted
        _ = setrlimit(resourceOpenFiles, &limit)
    }
}

func currentDescriptorLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(resourceOpenFiles, &limit) == 0 else { return 0 }
    return Int(limit.rlim_cur)
}

/// Connections the open-file limit leaves room for: the limit minus a reserve (an eighth, 16 to 256) for what
/// else the server opens — served files, the file cache, the watcher, the loops' own descriptors — and for the
/// descriptor each refused connection needs while it gets its 503. Without the reserve a server whose limit is
/// below its connection limit would never refuse: accept would fail first and newcomers would wait unanswered.
public func connectionsAllowed(byDescriptorLimit limit: Int, requested: Int) -> Int {
    guard limit > 0 else { return requested }
    let reserve = min(max(limit / 8, 16), 256)
    return min(requested, max(1, limit - reserve))
}

/// `connectionsAllowed` for this process, after lifting its soft limit as far as the hard one allows.
public func connectionsAllowed(requested: Int) -> (allowed: Int, descriptorLimit: Int) {
    raiseDescriptorLimit()
    let limit = currentDescriptorLimit()
    return (connectionsAllowed(byDescriptorLimit: limit, requested: requested), limit)
}
