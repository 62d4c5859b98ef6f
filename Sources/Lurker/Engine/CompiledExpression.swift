import RuleDSL

/// An expression resolved for evaluation: history calls refer to tracked types and field slots by index, so
/// the hot path reads no campaign text and hashes no type names.
indirect enum CompiledExpression: Sendable {
    case constant(Value)
    case list([CompiledExpression])
    case eventField([String])
    case customerID
    case profileField([String])
    case negate(CompiledExpression)
    case not(CompiledExpression)
    case and(CompiledExpression, CompiledExpression)
    case or(CompiledExpression, CompiledExpression)
    case arithmetic(ArithmeticOperator, CompiledExpression, CompiledExpression)
    case comparison(ComparisonOperator, CompiledExpression, CompiledExpression)
    case membership(CompiledExpression, [CompiledExpression])
    case contains(CompiledExpression, CompiledExpression)
    case presence(CompiledExpression, isPresent: Bool)
    case count(type: Int, window: CompiledExpression)
    case seen(type: Int, window: CompiledExpression)
    case sum(type: Int, slot: Int, window: CompiledExpression)
    case since(type: Int)
    case last(type: Int, slot: Int)
}
