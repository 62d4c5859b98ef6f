/// Items numbered in the order they were first registered, found again by a key: the event types, fields,
/// paths and constants a campaign compiler gives small integer ids to.
struct Registry<Key: Hashable, Item> {
    /// The items, by id.
    private(set) var items: [Item] = []
    private var ids: [Key: Int32] = [:]

    /// An empty registry.
    init() {}

    /// A registry holding `items` in order, keyed by `key`.
    init(_ items: [Item], key: (Item) -> Key) {
        for item in items { _ = id(for: key(item)) { item } }
    }

    /// The id of `key`, registering `make()` for it the first time.
    mutating func id(for key: Key, _ make: () -> Item) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(items.count)
        ids[key] = id
        items.append(make())
        return id
    }
}
