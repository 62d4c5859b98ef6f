/// The catalog of every message `lurker check` writes: lower case, "expected X, found Y" where it fits.
enum DiagnosticMessage: Sendable, Hashable {
    // MARK: Characters and tokens

    /// Characters that start no token (`@`, a lone `=` or `!`).
    case unexpectedCharacter(String)
    /// A backslash escape other than `\"`, `\\`, `\n` and `\t`.
    case badEscape(String)
    /// A STRING without its closing quote on the same line.
    case unterminatedString
    /// A number directly followed by letters that are not a unit.
    case unknownUnit(token: String, unit: String)
    /// A duration with a fraction (`1.5h`).
    case durationNotWhole(String)
    /// A TIME token that is not one of the three shapes or names no real moment.
    case badTime(String, TimeLiteral.Problem)

    // MARK: Grammar

    /// The grammar cannot go on.
    case expected(String, found: String)
    /// A word where a clause starts that is not a clause.
    case unknownClause(String, suggestion: String?)
    /// An expression nested deeper than the parser follows.
    case nestedTooDeeply(limit: Int)

    // MARK: Campaigns and clauses

    /// `campaign offer { … }`.
    case keywordAsCampaignName(String)
    /// `via none`.
    case keywordAsChannelName(String)
    /// A clause written a second time in one campaign.
    case clauseTwice(String)
    /// A second `offer` or `escalate`.
    case secondAction(String, first: String)
    /// A campaign without `on`.
    case missingOn(String)
    /// A campaign without `offer` or `escalate`.
    case missingAction(String)
    /// A campaign name used before in the set; `otherFile` is nil for the same file.
    case duplicateCampaign(String, otherFile: String?)
    /// `priority` outside 0..1000.
    case priorityOutOfRange(String)
    /// `limit 0 per customer` or `budget 0` (or a negative count).
    case countBelowOne(clause: String, value: String)
    /// `holdout` outside 0% to under 100%.
    case holdoutOutOfRange(String)
    /// `holdout` with more than two decimals.
    case holdoutDecimals(String)
    /// A literal window of 0.
    case windowEmpty(String)
    /// A literal window over 366d.
    case windowTooLong(String)
    /// `active from A until B` with B not after A.
    case activeEndNotAfterStart(until: String, from: String)
    /// A NAME or STRING channel that does not match `[a-z0-9_-]{1,64}`.
    case channelNotUsable(String)
    /// A key written twice in one `with`.
    case duplicateKey(String)

    // MARK: Expressions

    /// A call of a function that does not exist.
    case unknownFunction(String, suggestion: String?)
    /// A history function with the wrong number of arguments.
    case wrongArgumentCount(HistoryFunction, found: Int)
    /// A path whose first name is neither `event` nor `customer`.
    case badPathRoot(String)
    /// A NAME in an expression that is no path, call or literal.
    case unknownName(String)
    /// A binary operator whose known operand types have no rule.
    case operandTypes(operator: String, left: String, right: String)
    /// Unary minus on a known type that cannot be negated.
    case negateType(String)
    /// A window argument of a known type that is not a duration.
    case windowNotDuration(function: String, found: String)

    // MARK: Warnings

    /// A `wait` whose `unless` names one of the campaign's own `on` types.
    case unlessNamesTrigger(String)
    /// `active … until` a time already past.
    case activeUntilPast(String)
    /// A `when` whose value does not depend on the event, the customer or the history.
    case constantCondition

    // MARK: Notes

    /// Points at the first definition of a duplicate campaign name.
    case firstCampaignHere
    /// Points at the first of two clauses.
    case firstClauseHere(String)
    /// Points at the first of two keys.
    case firstKeyHere
    /// Explains how fields are read, under an unknown name.
    case readFieldsWithPaths(String)
    /// Explains what the wait's own trigger does to it.
    case unlessCancelsOwnWait
    /// Explains that `a-b` is `a - b` where a type or channel was meant.
    case hyphenInName(String)
    /// A likely typo of a keyword where the grammar expected it.
    case didYouMean(String)
    /// A number written where a DURATION was expected.
    case durationNeedsUnit(String)
    /// A number written where a PERCENT was expected.
    case percentNeedsSign(String)
    /// `via` written after `escalate`.
    case escalationHasNoChannel
    /// Text in single quotes.
    case stringInDoubleQuotes(String)

    /// The text of the message.
    var text: String {
        switch self {
        case .unexpectedCharacter(let characters):
            switch characters {
            case "=": return "unexpected character '=' (did you mean '==')"
            case "!": return "unexpected character '!' (did you mean '!=' or 'not')"
            case "&&": return "unexpected characters '&&' (did you mean 'and')"
            case "||": return "unexpected characters '||' (did you mean 'or')"
            default:
                return characters.unicodeScalars.count == 1
                    ? "unexpected character '\(characters)'" : "unexpected characters '\(characters)'"
            }
        case .badEscape(let escape):
            return "unknown escape '\(escape)' in a string (the escapes are \\\", \\\\, \\n and \\t)"
        case .unterminatedString:
            return "unterminated string (a string ends with '\"' on the same line)"
        case .unknownUnit(let token, let unit):
            return "number with an unknown unit '\(token)' ('\(unit)' is not one of ms, s, m, h, d, w)"
        case .durationNotWhole(let token):
            return "duration '\(token)' is not a whole number (write it in a smaller unit)"
        case .badTime(let token, let problem):
            switch problem {
            case .shape:
                return "bad time '\(token)' (expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm)"
            case .missingZone:
                return "bad time '\(token)' (a time of day needs 'Z' or an offset such as +01:00)"
            case .noSuchDate:
                return "bad time '\(token)' (no such date; years are 0001 to 9999)"
            case .noSuchTime:
                return "bad time '\(token)' (no such time of day or offset)"
            }
        case .expected(let expected, let found):
            return "expected \(expected), found \(found)"
        case .nestedTooDeeply(let limit):
            return "expression nested too deeply (at most \(limit) levels of operators, parentheses, lists and calls)"
        case .unknownClause(let word, let suggestion):
            if let suggestion { return "unknown clause '\(word)' (did you mean '\(suggestion)')" }
            return "unknown clause '\(word)'"
        case .keywordAsCampaignName(let word):
            return "keyword '\(word)' cannot be a campaign name"
        case .keywordAsChannelName(let word):
            return "keyword '\(word)' cannot be a channel name (write it as a string: \"\(word)\")"
        case .clauseTwice(let clause):
            return "a second '\(clause)' clause (each clause appears at most once)"
        case .secondAction(let second, let first):
            return "a second action: '\(second)' after '\(first)' (a campaign has exactly one action)"
        case .missingOn(let name):
            return "campaign '\(name)' has no 'on' clause"
        case .missingAction(let name):
            return "campaign '\(name)' has no action ('offer' or 'escalate')"
        case .duplicateCampaign(let name, let otherFile):
            if let otherFile { return "campaign name '\(name)' used before in \(otherFile)" }
            return "campaign name '\(name)' used before in the same file"
        case .priorityOutOfRange(let value):
            return "priority \(value) is outside 0..1000"
        case .countBelowOne(let clause, let value):
            return "'\(clause)' of \(value) allows nothing (expected at least 1)"
        case .holdoutOutOfRange(let value):
            return "holdout \(value) is outside 0% to under 100%"
        case .holdoutDecimals(let value):
            return "holdout \(value) has more than two decimals"
        case .windowEmpty(let value):
            return "window '\(value)' is empty (a window is more than 0 and at most 366d)"
        case .windowTooLong(let value):
            return "window '\(value)' is over 366d"
        case .activeEndNotAfterStart(let until, let from):
            return "'active' ends at \(until), not after its start \(from)"
        case .channelNotUsable(let channel):
            return "channel '\(channel)' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')"
        case .duplicateKey(let key):
            return "key '\(key)' appears twice in 'with'"
        case .unknownFunction(let name, let suggestion):
            if let suggestion { return "unknown function '\(name)' (did you mean '\(suggestion)')" }
            return "unknown function '\(name)' (the functions are \(HistoryFunction.names))"
        case .wrongArgumentCount(let function, let found):
            let expected = function.arity
            return "'\(function.rawValue)' takes \(expected) \(expected == 1 ? "argument" : "arguments") "
                + "(\(function.signature)), found \(found)"
        case .badPathRoot(let name):
            return "expected 'event' or 'customer' at the start of a path, found '\(name)'"
        case .unknownName(let name):
            return "unknown name '\(name)'"
        case .operandTypes(let op, let left, let right):
            return "'\(op)' between \(left) and \(right)"
        case .negateType(let operand):
            return "'-' cannot negate \(operand)"
        case .windowNotDuration(let function, let found):
            return "the window of '\(function)' must be a duration, found \(found)"
        case .unlessNamesTrigger(let type):
            return "'\(type)' in 'unless' is also a trigger of this campaign"
        case .activeUntilPast(let time):
            return "'active until \(time)' is already in the past"
        case .constantCondition:
            return "this condition is known when the files are loaded (it reads no event, customer or history)"
        case .firstCampaignHere:
            return "first used here"
        case .firstClauseHere(let clause):
            return "the first '\(clause)' is here"
        case .firstKeyHere:
            return "the first is here"
        case .readFieldsWithPaths(let name):
            return "fields are read with a path: event.\(name) or customer.\(name)"
        case .unlessCancelsOwnWait:
            return "each new trigger cancels the pending wait before starting a new one"
        case .hyphenInName(let words):
            return "a name cannot hold '-': write a type, field or channel that has one as a string, \"\(words)\""
        case .didYouMean(let word):
            return "did you mean '\(word)'?"
        case .durationNeedsUnit(let number):
            return "a duration has a unit right after the number: \(number)s, \(number)m, \(number)h or \(number)d"
        case .percentNeedsSign(let number):
            return "a percentage ends with '%': \(number)%"
        case .escalationHasNoChannel:
            return "an escalation goes to the escalations topic; only an offer has a channel"
        case .stringInDoubleQuotes(let content):
            return "a string is written in double quotes: \"\(content)\""
        }
    }
}
