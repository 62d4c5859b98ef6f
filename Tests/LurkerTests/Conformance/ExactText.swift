/// Text compared and ordered by its UTF-8 bytes, as the specification compares strings (§4): Swift's own `==`
/// would take canonically equivalent customer ids or types for the same.
struct ExactText: Comparable, CustomStringConvertible {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var description: String { text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    static func < (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }
}
