// A first-in, first-out queue for a table's pending outputs and events.

/// Elements in arrival order; `popFirst` is O(1) (the storage is emptied once drained).
///
/// Invariant: `head <= elements.count`; the elements before `head` were already popped.
struct DataChannelQueue<Element: Sendable>: Sendable {
    private var elements: [Element] = []
    private var head = 0

    mutating func append(_ element: Element) {
        elements.append(element)
    }

    mutating func popFirst() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        }
        return element
    }
}
