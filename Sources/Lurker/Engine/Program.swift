/// A compiled expression: instructions for a stack machine, so that evaluating a condition walks a flat
/// array instead of a tree of boxed nodes.
struct Program: Sendable {
    /// What an instruction does. Operands `a` and `b` are described per case.
    enum Opcode: UInt8, Sendable {
        /// Push constant `a`.
        case constant
        /// Push top-level event field in slot `a`.
        case eventField
        /// Push nested event path `a`.
        case eventPath
        /// Push top-level profile field `a`.
        case profileField
        /// Push nested profile path `a`.
        case profilePath
        /// Push the customer id.
        case customerID
        /// Replace the top with its negation / with `not` of it / with whether it is `true`.
        case negate, not, toBool
        /// Pop two, push the result.
        case add, subtract, multiply, divide
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        /// `and`: when the top is not `true`, replace it with `false` and jump to `a`; else pop it.
        case jumpUnlessTrue
        /// `or`: when the top is `true`, jump to `a`; else pop it.
        case jumpIfTrue
        /// Pop `a` elements and the value below them; push whether the value equals one of them.
        case inList
        /// Pop the element and the container; push whether it contains it.
        case contains
        /// Replace the top with whether it is present / missing.
        case isPresent, isMissing
        /// Pop `a` elements; push them as a list.
        case makeList
        /// Pop the window; push `count` / `seen` of tracked type `a`.
        case count, seen
        /// Pop the window; push `sum` of number slot `b` of tracked type `a`.
        case sum
        /// Push `since` of tracked type `a`.
        case since
        /// Push value slot `b` of the latest event of tracked type `a`.
        case last
    }

    /// One step of a program.
    struct Instruction: Sendable {
        var opcode: Opcode
        var a: Int32 = 0
        var b: Int32 = 0
    }

    /// The instructions; running them leaves one value on the stack.
    var instructions: [Instruction] = []
    /// The deepest the stack gets.
    var stackDepth = 0
}
