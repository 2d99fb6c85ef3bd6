/// A first-in first-out queue: the packets or events an association, a channel table or a
/// relayed channel holds between polls.
///
/// Invariants: `pop` returns elements in `push` order and releases its reference to what it
/// returns; storage is kept and reused once the queue empties (or compacted when more than half
/// of it is popped slots), so a steady flow allocates only for the elements themselves.
public struct SCTPQueue<Element> {
    private var elements: [Element?] = []
    private var head = 0

    public init() {}

    /// Whether nothing is queued.
    public var isEmpty: Bool { head == elements.count }

    /// How many elements are queued.
    public var count: Int { elements.count - head }

    /// The oldest element, left in the queue.
    public var first: Element? { head < elements.count ? elements[head] : nil }

    public mutating func push(_ element: Element) {
        elements.append(element)
    }

    public mutating func pop() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head].take()
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= elements.count {
            // A queue that never quite empties drops the popped half now and then.
            elements.removeFirst(head)
            head = 0
        }
        return element
    }
}

extension SCTPQueue: Sendable where Element: Sendable {}
