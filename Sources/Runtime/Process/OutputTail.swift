/// The most recent bytes a tool wrote on one stream, bounded by a fixed capacity.
///
/// swift-subprocess's collected output throws once a limit is exceeded; that is the right default
/// for a library but wrong for a job: Blender and PrusaSlicer can be arbitrarily verbose, and a
/// chatty tool must neither fail the job nor exhaust memory. The end of the output is what explains
/// a failure, so the oldest bytes are dropped instead. Storage is a ring, so appending is O(bytes)
/// however long the tool runs.
public struct OutputTail: Sendable {
    public let capacity: Int
    private var ring: [UInt8]
    /// Index where the next byte goes once the ring is full.
    private var head = 0
    /// Every byte ever appended, kept to say how much was dropped.
    public private(set) var totalBytes = 0

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        self.ring = []
        self.ring.reserveCapacity(min(self.capacity, 64 * 1024))
    }

    /// How many bytes were dropped from the front because of the capacity.
    public var droppedBytes: Int { totalBytes - ring.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        totalBytes += bytes.count
        guard capacity > 0 else { return }
        // Only the last `capacity` bytes of a large chunk can survive.
        let kept = bytes.count > capacity ? bytes.suffix(capacity) : bytes[...]
        for byte in kept {
            if ring.count < capacity {
                ring.append(byte)
            } else {
                ring[head] = byte
                head = (head + 1) % capacity
            }
        }
    }

    /// The kept bytes in the order they were written.
    public var bytes: [UInt8] {
        guard ring.count == capacity, head != 0 else { return ring }
        return Array(ring[head...] + ring[..<head])
    }

    /// The kept bytes decoded leniently: invalid UTF-8 (including a character cut by the
    /// capacity) becomes U+FFFD rather than an error, since tool output is not ours to validate.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
