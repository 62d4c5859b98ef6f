/// Writes a ``Layout`` as text: each group flat on one line when it fits in the width and holds no hard break,
/// else broken at its lines, outermost groups first. Lines never end with spaces; the text ends with one line feed
/// unless it is empty.
struct LayoutPrinter {
    /// The column a flat group must not pass; columns count Unicode scalars.
    var width: Int

    private struct Command {
        var indent: Int
        var isFlat: Bool
        var layout: Layout
    }

    private var lines: [String] = []
    private var line = ""
    private var column = 0
    private var lineHasContent = false
    private var suffix: String?

    init(width: Int) {
        self.width = width
    }

    /// The text of `layout`.
    static func print(_ layout: Layout, width: Int) -> String {
        var printer = LayoutPrinter(width: width)
        return printer.print(layout)
    }

    private mutating func print(_ layout: Layout) -> String {
        var stack = [Command(indent: 0, isFlat: false, layout: layout)]
        while let command = stack.popLast() {
            switch command.layout {
            case .text(let text):
                guard !text.isEmpty else { break }
                if suffix != nil { newLine(indent: command.indent) }
                append(text)
            case .space:
                if lineHasContent && suffix == nil { append(" ") }
            case .line:
                if command.isFlat {
                    if lineHasContent && suffix == nil { append(" ") }
                } else {
                    newLine(indent: command.indent)
                }
            case .softLine:
                if !command.isFlat { newLine(indent: command.indent) }
            case .hardLine:
                newLine(indent: command.indent)
            case .lineSuffix(let comment):
                if suffix != nil { newLine(indent: command.indent) }
                suffix = comment
            case .comment(let comment):
                if lineHasContent || suffix != nil { newLine(indent: command.indent) }
                append(comment)
                newLine(indent: command.indent)
            case .ifBroken(let text):
                if !command.isFlat { append(text) }
            case .group(let contents, let mustBreak):
                let isFlat =
                    command.isFlat
                    || (!mustBreak
                        && fits(Command(indent: command.indent, isFlat: true, layout: .concat(contents)), then: stack))
                push(contents, indent: command.indent, isFlat: isFlat, onto: &stack)
            case .nest(let columns, let contents):
                push(contents, indent: command.indent + columns, isFlat: command.isFlat, onto: &stack)
            case .align(let contents):
                push(contents, indent: column, isFlat: command.isFlat, onto: &stack)
            case .concat(let contents):
                push(contents, indent: command.indent, isFlat: command.isFlat, onto: &stack)
            }
        }
        if lineHasContent || suffix != nil { newLine(indent: 0) }
        while lines.last == "" { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }

    private func push(_ contents: [Layout], indent: Int, isFlat: Bool, onto stack: inout [Command]) {
        for layout in contents.reversed() {
            stack.append(Command(indent: indent, isFlat: isFlat, layout: layout))
        }
    }

    private mutating func append(_ text: String) {
        line += text
        column += text.unicodeScalars.count
        lineHasContent = true
    }

    /// Ends the current line (with its trailing comment, and without trailing spaces) and indents the next.
    private mutating func newLine(indent: Int) {
        if let suffix {
            line += (lineHasContent ? " " : "") + suffix
            self.suffix = nil
        }
        while line.last == " " { line.removeLast() }
        lines.append(line)
        line = String(repeating: " ", count: indent)
        column = indent
        lineHasContent = false
    }

    /// Whether `first`, laid out flat, and what follows it up to the next line break fit in the rest of the line.
    ///
    /// A trailing comment followed by more text on the line does not fit: the comment would end the line.
    private func fits(_ first: Command, then rest: [Command]) -> Bool {
        var remaining = width - column
        var hasSuffix = suffix != nil
        var pending = [first]
        var restIndex = rest.count
        while remaining >= 0 {
            guard let command = pending.popLast() ?? nextRest(rest, &restIndex) else { return true }
            switch command.layout {
            case .text(let text):
                guard !text.isEmpty else { break }
                if hasSuffix { return false }
                remaining -= text.unicodeScalars.count
            case .space:
                if !hasSuffix { remaining -= 1 }
            case .line:
                guard command.isFlat else { return true }
                if hasSuffix { return false }
                remaining -= 1
            case .softLine:
                if !command.isFlat { return true }
            case .hardLine, .comment:
                return true
            case .lineSuffix:
                hasSuffix = true
            case .ifBroken(let text):
                if !command.isFlat { remaining -= text.unicodeScalars.count }
            case .group(let contents, let mustBreak):
                let isFlat = !mustBreak && command.isFlat
                for layout in contents.reversed() {
                    pending.append(Command(indent: command.indent, isFlat: isFlat, layout: layout))
                }
            case .nest(_, let contents), .align(let contents), .concat(let contents):
                for layout in contents.reversed() {
                    pending.append(Command(indent: command.indent, isFlat: command.isFlat, layout: layout))
                }
            }
        }
        return false
    }

    private func nextRest(_ rest: [Command], _ index: inout Int) -> Command? {
        guard index > 0 else { return nil }
        index -= 1
        return rest[index]
    }
}
