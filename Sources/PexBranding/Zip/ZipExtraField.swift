/// The extra-field block of a header: a list of (id, length, data) records.
enum ZipExtraField {
    /// The data of the first record with `id`, or nil (a malformed block reads as having none).
    static func find(_ id: UInt16, in block: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var index = block.startIndex
        while index + 4 <= block.endIndex {
            let tag = UInt16(block[index]) | UInt16(block[index + 1]) << 8
            let length = Int(block[index + 2]) | Int(block[index + 3]) << 8
            let start = index + 4
            guard start + length <= block.endIndex else { return nil }
            if tag == id { return block[start..<start + length] }
            index = start + length
        }
        return nil
    }
}
