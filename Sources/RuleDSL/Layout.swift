/// A document for ``LayoutPrinter``: text with the places where it may break into lines (after Wadler's "prettier
/// printer"), plus the two kinds of comments a campaign file has.
indirect enum Layout: Sendable {
    /// Text without a line feed.
    case text(String)
    /// One space between two tokens; left out at the start of a line and before a line a trailing comment ends.
    case space
    /// A space when its group is flat, else a line break.
    case line
    /// Nothing when its group is flat, else a line break.
    case softLine
    /// Always a line break; the groups around it break too.
    case hardLine
    /// A trailing comment: written at the end of the current line, which then ends (the next text starts a new
    /// line).
    case lineSuffix(String)
    /// A whole-line comment inside a clause: on a line of its own at the current indentation.
    case comment(String)
    /// Text written only when the enclosing group is broken (a trailing comma).
    case ifBroken(String)
    /// Contents laid out flat on one line when they fit and hold no hard break, else with their lines broken.
    case group([Layout], mustBreak: Bool)
    /// Contents whose broken lines are indented by a number of columns more than the enclosing ones.
    case nest(Int, [Layout])
    /// Contents whose broken lines start at the column where the contents start.
    case align([Layout])
    /// Contents one after the other.
    case concat([Layout])

    /// A group that breaks when its contents hold a hard break or a whole-line comment.
    static func group(_ contents: [Layout], breaks: Bool = false) -> Layout {
        .group(contents, mustBreak: breaks || contents.contains { $0.hasHardBreak })
    }

    /// Whether laying this out writes a line break whatever fits: a hard line, or a whole-line comment.
    var hasHardBreak: Bool {
        switch self {
        case .hardLine, .comment: return true
        case .text, .space, .line, .softLine, .lineSuffix, .ifBroken: return false
        case .group(_, let mustBreak): return mustBreak
        case .nest(_, let contents), .align(let contents), .concat(let contents):
            return contents.contains { $0.hasHardBreak }
        }
    }
}
