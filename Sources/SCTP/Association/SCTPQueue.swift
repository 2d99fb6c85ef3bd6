/// A first-in first-out queue of the packets or events an association holds between polls.
///
/// Invariants: `pop` returns elements in `push` order and releases its reference to what it
/// returns; storage is kept and reused once the queue empties, so a steady flow allocates only
/// for the elements themselves.
struct SCTPQueue<Element> {
    private var elements: [Element?] = []
    private var head = 0

    mutating func push(_ element: Element) {
        elements.append(element)
    }

    mutating func pop() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head].take()
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        }
        return element
    }
}
