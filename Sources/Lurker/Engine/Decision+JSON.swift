extension Decision {
    /// Appends the decision's JSON object (spec §7) without a newline, keys in the order of the spec.
    public func write(to writer: inout JSONWriter) {
        writer.append(raw: "{\"id\": ")
        writer.append(hex: idHash)
        writer.append(raw: ", \"campaign\": ")
        writer.append(string: campaign)
        writer.append(raw: ", \"customer\": ")
        writer.append(string: customer)
        switch action {
        case .offer(let offer):
            writer.append(raw: ", \"action\": \"offer\", \"offer\": ")
            writer.append(string: offer)
            writer.append(raw: ", \"channel\": ")
            if let channel { writer.append(string: channel) } else { writer.append(raw: "null") }
        case .escalate(let level):
            writer.append(raw: ", \"action\": \"escalate\", \"level\": ")
            writer.append(string: level)
        }
        writer.append(raw: ", \"outcome\": ")
        writer.append(string: outcome.rawValue)
        writer.append(raw: ", \"ts\": ")
        writer.append(timestamp: time)
        writer.append(raw: ", \"trigger\": {\"type\": ")
        writer.append(string: triggerType)
        writer.append(raw: ", \"ts\": ")
        writer.append(timestamp: triggerTime)
        writer.append(raw: "}, \"attributes\": ")
        writer.append(attributes)
        writer.append(raw: "}")
    }

    /// The decision's JSON object as bytes.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(256)
        write(to: &writer)
        return writer.bytes
    }
}
