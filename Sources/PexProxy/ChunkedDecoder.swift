/// Decodes a chunked body incrementally: feed bytes as they arrive, get the payload out, learn when the last
/// chunk (and its trailers) has passed. Sizes and lines are bounded so a broken node cannot grow memory.
public struct ChunkedDecoder: Sendable {
    private enum State: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers
        case done
    }

    private var state = State.size
    private var line: [UInt8] = []
    private static let lineLimit = 4096

    public init() {}

    public var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Appends the payload found in `input` to `output`; returns the number of input bytes used (less than all
    /// only once done: what follows belongs to the next response).
    public mutating func decode(_ input: ArraySlice<UInt8>, into output: inout [UInt8]) throws(ProxyFailure) -> Int {
        var index = input.startIndex
        while index < input.endIndex {
            switch state {
            case .done:
                return index - input.startIndex
            case .data(let remaining):
                let take = min(remaining, input.endIndex - index)
                output.append(contentsOf: input[index..<(index + take)])
                index += take
                state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
            case .size, .dataEnd, .trailers:
                let byte = input[index]
                index += 1
                guard byte == 0x0A else {
                    line.append(byte)
                    if line.count > Self.lineLimit { throw Self.broken("a chunk line is longer than 4 KiB") }
                    continue
                }
                if line.last == 0x0D { line.removeLast() }
                defer { line.removeAll(keepingCapacity: true) }
                try endLine()
            }
        }
        return index - input.startIndex
    }

    private mutating func endLine() throws(ProxyFailure) {
        switch state {
        case .size:
            let digits = line.prefix { $0 != 0x3B && $0 != 0x20 && $0 != 0x09 }
            guard !digits.isEmpty, digits.count <= 15,
                let size = Int(String(decoding: digits, as: UTF8.self), radix: 16), size >= 0
            else { throw Self.broken("a chunk size is not hexadecimal") }
            state = size == 0 ? .trailers : .data(remaining: size)
        case .dataEnd:
            guard line.isEmpty else { throw Self.broken("a chunk is longer than its size") }
            state = .size
        case .trailers:
            if line.isEmpty { state = .done }
        case .data, .done:
            break
        }
    }

    private static func broken(_ what: String) -> ProxyFailure {
        ProxyFailure(.badResponse, "the node's chunked body is broken: \(what)")
    }
}
