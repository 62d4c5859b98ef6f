import RuleDSL

/// The constants of a compiled campaign set as operands, the bytes of string constants at addresses that stay
/// put for the pool's lifetime.
final class ConstantPool: @unchecked Sendable {
    // @unchecked: written once in init, then only read; `storage` is freed in deinit.

    /// The constants, by index.
    let operands: [Operand]
    private let storage: UnsafeMutableRawBufferPointer

    /// Stores `values`, each a number, string, boolean, duration or missing.
    init(_ values: [Value]) {
        var byteCount = 0
        for case .string(let string) in values { byteCount += string.utf8.count }
        storage = .allocate(byteCount: max(byteCount, 1), alignment: 1)
        var offset = 0
        var operands: [Operand] = []
        operands.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .number(let number): operands.append(.number(number))
            case .bool(let bool): operands.append(.bool(bool))
            case .duration(let milliseconds): operands.append(.duration(milliseconds))
            case .string(let string):
                let start = offset
                for byte in string.utf8 {
                    storage[offset] = byte
                    offset += 1
                }
                operands.append(.string(UnsafeRawBufferPointer(rebasing: storage[start..<offset])))
            case .missing, .list, .object:
                operands.append(.missing)
            }
        }
        self.operands = operands
    }

    deinit {
        storage.deallocate()
    }
}
