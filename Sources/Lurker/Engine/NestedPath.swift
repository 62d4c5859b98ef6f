/// A path below a top-level field (`event.a.b`, `customer.address.city`): the field, then the names inside it.
struct NestedPath: Sendable {
    /// The top-level field's slot (event) or index (profile).
    var field: Int32
    /// The names after it, at least one.
    var rest: [String]
}
