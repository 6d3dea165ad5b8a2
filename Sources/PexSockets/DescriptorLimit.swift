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
