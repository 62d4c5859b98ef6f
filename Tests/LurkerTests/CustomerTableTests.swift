import Testing

@testable import Lurker

@Suite struct CustomerTableTests {
    /// Inserts and removes random ids against a dictionary: every held id is found at its record, every
    /// other id is not, through growth and backward-shift deletion.
    @Test func agreesWithADictionaryThroughInsertsAndRemovals() {
        var random = SeededRandom(seed: 11)
        var table = CustomerTable()
        var expected: [String: Int32] = [:]
        for step in 0..<20_000 {
            let id = "c-\(random.int(in: 0...600))" + (random.chance(0.3) ? "-with-a-longer-suffix" : "")
            if let record = expected[id], random.chance(0.45) {
                table.remove(record)
                expected[id] = nil
            } else if expected[id] == nil {
                var bytes = id
                let hash = bytes.withUTF8 { BytesTable.hash(UnsafeRawBufferPointer($0)) }
                expected[id] = table.insert(id, hash: hash)
            }
            if step % 997 == 0 || step == 19_999 {
                for (id, record) in expected { #expect(table.find(id) == record, "\(id) at step \(step)") }
                #expect(table.count == expected.count)
                #expect(Set(table.liveRecords) == Set(expected.values))
            }
        }
        for index in 0...600 where expected["c-\(index)"] == nil {
            #expect(table.find("c-\(index)") == nil)
        }
    }
}
