import ReqLintCommandLine
import Dispatch
import ReqLintConfig
import ReqLintCore
import ReqLintReport

/// Lints inputs on every core and returns their results in the order of the inputs, so the
/// output is the same whatever the scheduling.
enum LintRun {
    typealias Result = LintSession.Result

    /// The run's baseline is left to the caller, to apply in input order.
    static func run(_ inputs: [Workspace.Input], session: LintSession, operation: OperationID?, jobs: Int?) -> [Result] {
        let slots = ResultSlots(count: inputs.count)
        let workers = max(1, min(jobs ?? ProcessInfoLite.activeProcessorCount, inputs.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: inputs.count) {
                slots.store(index, session.lint(inputs[index], operation: operation, deferringBaseline: true))
            }
        }
        return slots.values()
    }
}

/// A chunk of inputs being linted in the background (``LintRun/run(_:session:operation:jobs:)``
/// on a global queue), so the caller can write the previous chunk's reports meanwhile: the
/// writing would otherwise leave the cores idle.
final class PendingLint: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var results: [LintRun.Result] = []

    init(_ inputs: [Workspace.Input], session: LintSession, operation: OperationID?, jobs: Int?) {
        DispatchQueue.global().async {
            self.results = LintRun.run(inputs, session: session, operation: operation, jobs: jobs)
            self.done.signal()
        }
    }

    /// The results, in the order of the inputs, once every one is linted.
    func wait() -> [LintRun.Result] {
        done.wait()
        return results
    }
}

/// One slot per input, each written by exactly one worker, read after all are done.
final class ResultSlots: @unchecked Sendable {
    private var slots: [LintRun.Result?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: LintRun.Result) {
        slots.withUnsafeMutableBufferPointer { $0[index] = result }
    }

    func values() -> [LintRun.Result] { slots.map { $0! } }
}

/// Hands out indices to workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = Lock()

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
