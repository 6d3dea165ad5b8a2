/// A standard stream written with write(2), unbuffered: the banner is on the terminal (or in the pipe a test
/// reads) before the server starts waiting, with no stdio buffer to flush.
public struct StandardStream: TextOutput {
    public let fileDescriptor: Int32

    public static let standardOutput = StandardStream(fileDescriptor: 1)
    public static let standardError = StandardStream(fileDescriptor: 2)

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(fileDescriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && systemLastErrorIsInterrupt() {
                    continue
                } else {
                    // A closed or full stream: there is nowhere left to report that, so the text is dropped.
                    return
                }
            }
        }
    }
}
