import Foundation

/// Cuts the DevTools pipe's byte stream into messages: Chromium ends each JSON message with a NUL byte.
struct CDPMessageSplitter {
    private var partial = Data()

    /// The messages completed by `chunk`; bytes after the last NUL wait for the next chunk.
    mutating func messages(completedBy chunk: Data) -> [Data] {
        var messages: [Data] = []
        var rest = chunk[...]
        while let end = rest.firstIndex(of: 0) {
            partial.append(rest[rest.startIndex..<end])
            if !partial.isEmpty { messages.append(partial) }
            partial = Data()
            rest = rest[rest.index(after: end)...]
        }
        partial.append(rest)
        return messages
    }
}
