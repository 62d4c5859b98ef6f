/// Text-level helpers for decision lines, for tests that pin the written form.
enum JSONText {
    /// The JSON text without whitespace between tokens (strings kept as written).
    static func minified(_ text: String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                result.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
                result.append(character)
            } else if !character.isWhitespace {
                result.append(character)
            }
        }
        return result
    }

    /// A minified decision line without its leading `"id"` member.
    static func withoutID(_ minified: String) -> String {
        guard minified.hasPrefix(#"{"id":""#), let end = minified.dropFirst(7).firstIndex(of: "\"") else {
            return minified
        }
        let rest = minified[minified.index(after: end)...]
        return "{" + (rest.hasPrefix(",") ? String(rest.dropFirst()) : String(rest))
    }

    /// The significant digits of a decimal number's text: no sign, point, exponent, or leading and trailing zeros.
    static func significantDigits(_ text: String) -> String {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        let digits = mantissa.filter(\.isNumber)
        let trimmed = digits.drop { $0 == "0" }
        return String(trimmed.reversed().drop { $0 == "0" }.reversed())
    }
}
