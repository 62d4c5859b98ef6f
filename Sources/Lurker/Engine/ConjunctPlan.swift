import RuleDSL

/// One conjunct of a campaign's `when`, compiled on its own for `lurker explain`, with its operands, so a trace
/// can say which test failed and what it saw.
struct ConjunctPlan: Sendable {
    /// The conjunct.
    var expression: Expression
    /// Its program.
    var program: Program
    /// Its operands that are not literals, each with its program.
    var operands: [(expression: Expression, program: Program)]
}
