/// The campaigns of one event type keyed on one equality or membership test of their `when`
/// (`event.sku == "sku-17"`, `customer.tier in ["gold", "senator"]`): the value read picks the only campaigns
/// whose test can hold, so an event evaluates a handful of 10,000 campaigns.
///
/// Such a test is a conjunct of the whole `when`, so a campaign whose test fails cannot trigger: leaving it
/// out changes no decision (spec §4: `==` holds only for equal values of one type; `in` only when an element is
/// equal).
struct CandidateIndex: Sendable {
    /// Reads the tested value: one path instruction.
    var source: Program
    /// String keys to a list of ``campaigns``.
    var strings: BytesTable
    /// Number keys (`-0` as `0`) to a list, in ascending order of key.
    var numbers: [(key: Double, list: Int32)]
    /// Boolean keys to a list.
    var booleans: [(key: Bool, list: Int32)]
    /// Campaign indices per key, ascending.
    var campaigns: [[Int32]]

    /// The list of the number key equal to `number`, found by binary search (`-0` finds `0`; NaN finds nothing).
    func list(for number: Double) -> Int32? {
        var low = 0
        var high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle].key < number { low = middle + 1 } else { high = middle }
        }
        return low < numbers.count && numbers[low].key == number ? numbers[low].list : nil
    }
}
