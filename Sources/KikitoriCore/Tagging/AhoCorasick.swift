/// A multi-pattern matcher over UTF-8 bytes: every keyword of every rule is found in one pass.
///
/// The automaton is a full DFA (failure links folded into the transition table) over a compressed
/// alphabet of the bytes that occur in patterns, so scanning costs one table lookup per byte.
/// Written by hand: no package on this machine's list offers one, and the whole thing is ~100 lines.
public struct AhoCorasick: Sendable {
    /// Byte → alphabet class; 0 for bytes that occur in no pattern.
    private let classOf: [UInt16]
    private let classCount: Int
    /// `transitions[state * classCount + class]` → next state.
    private let transitions: [Int32]
    /// Patterns ending at each state (own and inherited through failure links), as ranges into `outputs`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    public let patternLengths: [Int32]

    /// - Parameter patterns: byte strings; an empty pattern never matches.
    public init(patterns: [[UInt8]]) {
        var classOf = [UInt16](repeating: 0, count: 256)
        var classCount = 1
        for pattern in patterns {
            for byte in pattern where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt16(classCount)
                classCount += 1
            }
        }
        // Trie with sparse children first.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var own: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let symbol = Int(classOf[Int(byte)])
                if children[state][symbol] < 0 {
                    children[state][symbol] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classCount))
                    own.append([])
                }
                state = Int(children[state][symbol])
            }
            own[state].append(Int32(id))
        }
        // Breadth-first: fill missing transitions from the failure state, inherit outputs.
        let stateCount = children.count
        var table = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int32](repeating: 0, count: stateCount)
        var merged = own
        var queue: [Int] = []
        for symbol in 0..<classCount {
            let next = children[0][symbol]
            if next >= 0 {
                table[symbol] = next
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            merged[state] += merged[Int(failure[state])]
            for symbol in 0..<classCount {
                let next = children[state][symbol]
                let fallback = table[Int(failure[state]) * classCount + symbol]
                if next >= 0 {
                    failure[Int(next)] = fallback
                    table[state * classCount + symbol] = next
                    queue.append(Int(next))
                } else {
                    table[state * classCount + symbol] = fallback
                }
            }
        }
        var outputStart = [Int32](repeating: 0, count: stateCount + 1)
        var outputs: [Int32] = []
        for state in 0..<stateCount {
            outputStart[state] = Int32(outputs.count)
            outputs += merged[state]
        }
        outputStart[stateCount] = Int32(outputs.count)
        self.classOf = classOf
        self.classCount = classCount
        self.transitions = table
        self.outputStart = outputStart
        self.outputs = outputs
        self.patternLengths = patterns.map { Int32($0.count) }
    }

    /// Calls `found(pattern, end)` for every occurrence; `end` is the byte offset just past it.
    @inline(__always)
    public func scan(_ bytes: [UInt8], _ found: (Int, Int) -> Void) {
        let classCount = self.classCount
        bytes.withUnsafeBufferPointer { text in
            classOf.withUnsafeBufferPointer { classOf in
                transitions.withUnsafeBufferPointer { transitions in
                    outputStart.withUnsafeBufferPointer { outputStart in
                        outputs.withUnsafeBufferPointer { outputs in
                            guard let text = text.baseAddress, let classOf = classOf.baseAddress,
                                let transitions = transitions.baseAddress, let outputStart = outputStart.baseAddress,
                                let outputs = outputs.baseAddress
                            else { return }
                            var state = 0
                            for index in 0..<bytes.count {
                                state = Int(transitions[state &* classCount &+ Int(classOf[Int(text[index])])])
                                let first = Int(outputStart[state])
                                let last = Int(outputStart[state &+ 1])
                                if first != last {
                                    for output in first..<last { found(Int(outputs[output]), index &+ 1) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Counts bytes scanned per second without reporting matches, for benchmarks.
    public func countMatches(_ bytes: [UInt8]) -> Int {
        var count = 0
        scan(bytes) { _, _ in count += 1 }
        return count
    }
}
