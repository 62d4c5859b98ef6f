/// An event type as written after `on`, `unless` or at a history function's type position (`cart.abandoned`).
public struct EventTypeName: Sendable, Hashable {
    /// The type, dotted parts joined by `.`, or the content of a STRING.
    public var name: String
    /// Where it was written.
    public var range: SourceRange

    /// Creates an event type name.
    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// The root of a path expression.
public enum PathRoot: String, Sendable, Hashable {
    /// `event.…`: a field of the current (or triggering) event.
    case event
    /// `customer.…`: a field of the customer's profile; `customer.id` is the customer id.
    case customer
}

/// A path such as `event.cart.value` or `customer.tier`.
public struct Path: Sendable, Hashable, CustomStringConvertible {
    /// Where the path starts.
    public var root: PathRoot
    /// The field names after the root, at least one.
    public var fields: [String]

    /// Creates a path.
    public init(root: PathRoot, fields: [String]) {
        self.root = root
        self.fields = fields
    }

    public var description: String { ([root.rawValue] + fields).joined(separator: ".") }
}

/// The arithmetic operators.
public enum ArithmeticOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// The comparison operators.
public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A call of one of the history functions of spec §4, its arguments already sorted by kind.
public enum HistoryCall: Sendable, Hashable {
    /// `count(T, D)`.
    case count(EventTypeName, window: Expression)
    /// `seen(T, D)`.
    case seen(EventTypeName, window: Expression)
    /// `sum(T, F, D)`; the field is the path inside the T event, as it would follow `event.`.
    case sum(EventTypeName, field: [String], window: Expression)
    /// `since(T)`.
    case since(EventTypeName)
    /// `last(T, F)`.
    case last(EventTypeName, field: [String])

    /// The event type the call reads.
    public var eventType: EventTypeName {
        switch self {
        case .count(let type, _), .seen(let type, _), .sum(let type, _, _), .since(let type), .last(let type, _):
            return type
        }
    }

    /// The longest window, 366 days, in milliseconds: a literal window may be at most this long, and a longer
    /// computed one reads this far back.
    public static let longestWindow: Int64 = 366 * 86_400_000

    /// How far back a read over `window` needs its type's events kept (spec §3): a literal window as written, at
    /// most ``longestWindow``; a computed one ``longestWindow``, the most it can read.
    public static func retention(of window: Expression) -> Int64 {
        guard case .literal(.duration(let milliseconds), _) = window else { return longestWindow }
        return min(milliseconds, longestWindow)
    }
}

/// An expression of the campaign language with the range it was written at.
public indirect enum Expression: Sendable, Hashable {
    /// A number, string, boolean or duration literal.
    case literal(Value, SourceRange)
    /// A list literal `[a, b]`.
    case list([Expression], SourceRange)
    /// A path `event.x` or `customer.x`.
    case path(Path, SourceRange)
    /// Unary minus; the range is the operator's.
    case negate(Expression, operator: SourceRange)
    /// `not a`.
    case not(Expression, SourceRange)
    /// `a and b`.
    case and(Expression, Expression)
    /// `a or b`.
    case or(Expression, Expression)
    /// `a + b` and its kin; the range is the operator's.
    case arithmetic(ArithmeticOperator, Expression, Expression, operator: SourceRange)
    /// `a == b` and its kin; the range is the operator's.
    case comparison(ComparisonOperator, Expression, Expression, operator: SourceRange)
    /// `a in [..]`.
    case membership(Expression, [Expression])
    /// `a contains b`.
    case contains(Expression, Expression)
    /// `a is present` (true) or `a is missing` (false).
    case presence(Expression, isPresent: Bool)
    /// A history function; the range is the function name's.
    case history(HistoryCall, SourceRange)
    /// A part that could not be parsed; never present in a set that checked clean.
    case invalid(SourceRange)
}

/// Where an offer goes: `via sms`, `via "call-center"` or `via event.channel`.
public enum ChannelSource: Sendable, Hashable {
    /// A NAME or STRING channel, checked usable when loaded.
    case named(String)
    /// A path that must give a usable channel string at run time.
    case path(Path)

    /// Whether the UTF-8 bytes `name` are a usable channel: `[a-z0-9_-]{1,64}` (spec §5).
    @inlinable
    public static func isUsable(_ name: some Collection<UInt8>) -> Bool {
        guard !name.isEmpty, name.count <= 64 else { return false }
        return name.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}

/// One `key: expr` of a `with` object.
public struct Attribute: Sendable, Hashable {
    /// The key, unique within its object.
    public var key: String
    /// The value's expression.
    public var value: Expression

    /// Creates an attribute.
    public init(key: String, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// The one action of a campaign.
public enum Action: Sendable, Hashable {
    /// `offer NAME [via CHANNEL] [with {...}]`; no `via` means `via event.channel`.
    case offer(name: String, channel: ChannelSource, attributes: [Attribute])
    /// `escalate LEVEL [with {...}]`.
    case escalate(level: String, attributes: [Attribute])
}

/// The `limit` of a campaign.
public enum Limit: Sendable, Hashable {
    /// `limit none`.
    case none
    /// `limit N per customer [per D]`; a nil window counts every earlier decision.
    case perCustomer(count: Int, windowMilliseconds: Int64?)

    /// What a campaign without a `limit` clause gets: one per customer per day.
    public static let `default` = Limit.perCustomer(count: 1, windowMilliseconds: 86_400_000)
}

/// The period of a `budget`.
public enum BudgetPeriod: String, Sendable, Hashable {
    /// A UTC hour.
    case hour
    /// A UTC day.
    case day
    /// The whole life of the campaign.
    case ever
}

/// `budget N [per hour|day]`.
public struct Budget: Sendable, Hashable {
    /// How many `sent` decisions the period allows.
    public var count: Int
    /// The period the count applies to.
    public var period: BudgetPeriod

    /// Creates a budget.
    public init(count: Int, period: BudgetPeriod) {
        self.count = count
        self.period = period
    }
}

/// `wait D [unless T, …]`.
public struct Wait: Sendable, Hashable {
    /// The delay in milliseconds.
    public var milliseconds: Int64
    /// The types that cancel a pending wait.
    public var unless: [EventTypeName]

    /// Creates a wait.
    public init(milliseconds: Int64, unless: [EventTypeName]) {
        self.milliseconds = milliseconds
        self.unless = unless
    }
}

/// One campaign as checked: every clause resolved, defaults applied.
public struct Campaign: Sendable, Hashable {
    /// The unique name.
    public var name: String
    /// Where the name was written.
    public var nameRange: SourceRange
    /// The `description`, if any.
    public var description: String?
    /// The `on` types, in the order written.
    public var triggers: [EventTypeName]
    /// The `when` condition; nil means always true.
    public var condition: Expression?
    /// The `wait`, if any.
    public var wait: Wait?
    /// The action.
    public var action: Action
    /// The `priority`, 0 when absent.
    public var priority: Int
    /// The `limit`, ``Limit/default`` when absent.
    public var limit: Limit
    /// The `budget`, if any.
    public var budget: Budget?
    /// The `holdout` in hundredths of a percent (`10%` is 1000), 0 when absent.
    public var holdoutBasisPoints: Int
    /// The start of `active from`, epoch milliseconds.
    public var activeFrom: Int64?
    /// The end of `active … until`, epoch milliseconds, excluded.
    public var activeUntil: Int64?

    /// Creates a campaign.
    public init(
        name: String,
        nameRange: SourceRange,
        description: String? = nil,
        triggers: [EventTypeName],
        condition: Expression? = nil,
        wait: Wait? = nil,
        action: Action,
        priority: Int = 0,
        limit: Limit = .default,
        budget: Budget? = nil,
        holdoutBasisPoints: Int = 0,
        activeFrom: Int64? = nil,
        activeUntil: Int64? = nil
    ) {
        self.name = name
        self.nameRange = nameRange
        self.description = description
        self.triggers = triggers
        self.condition = condition
        self.wait = wait
        self.action = action
        self.priority = priority
        self.limit = limit
        self.budget = budget
        self.holdoutBasisPoints = holdoutBasisPoints
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
    }
}
