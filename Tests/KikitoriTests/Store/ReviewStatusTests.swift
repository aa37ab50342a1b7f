import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Review statuses in the store: logged, filtering what is counted, and merged by time.
@Suite("Review status")
struct ReviewStatusTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.url.appendingPathComponent(name).path }

    func synthetic(_ name: String, seed: UInt64, hearings: Int) throws -> String {
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        let store = try HearingStore(path: path(name))
        try SyntheticHearings(questionnaires: questionnaires, seed: seed).write(hearings: hearings, to: store)
        store.close()
        return path(name)
    }

    @Test func changesAreLoggedAndFilterCounts() throws {
        let store = try HearingStore(path: try synthetic("s.sqlite", seed: 4, hearings: 10))
        let completed = try store.hearings(HearingStore.HearingFilter(status: .completed))
        #expect(completed.count >= 3)
        #expect(completed.allSatisfy { $0.review == .received })
        let hearing = completed[0].hearing.id
        let first = try store.setReview(hearing: hearing, to: .hasIssues, comment: "空欄あり", reviewer: "高橋")
        #expect(first.previous == .received && first.status == .hasIssues)
        let second = try store.setReview(hearing: hearing, to: .approved, comment: nil, reviewer: "高橋")
        #expect(second.previous == .hasIssues)
        #expect(try store.reviewStatus(hearing: hearing) == .approved)
        #expect(try store.reviewHistory(hearing: hearing).map(\.status) == [.hasIssues, .approved])
        #expect(throws: StoreError.self) { try store.setReview(hearing: UUID(), to: .approved, comment: nil, reviewer: "x") }
        // Events are append-only, as answers are.
        #expect(throws: (any Error).self) { try store.queue.write { db in try db.execute(sql: "DELETE FROM review_event") } }

        // Counting approved hearings only: one hearing, whatever the other nine said.
        var filter = ReviewFilter(status: nil, audience: .internal)
        filter.review = .approved
        let table = try store.crossTab(themes: [], filter: filter)
        #expect(table.n.values.reduce(0, +) == 1)
        #expect(try store.hearings(HearingStore.HearingFilter(review: .approved)).map(\.hearing.id) == [hearing])
    }

    /// Both decisions travel with the hearing; the later one is its status in either database.
    @Test func mergeKeepsEveryDecisionAndTheLatestStands() throws {
        let a = try synthetic("a.sqlite", seed: 5, hearings: 3)
        let b = path("b.sqlite")
        try FileManager.default.copyItem(atPath: a, toPath: b)
        let storeA = try HearingStore(path: a)
        let hearing = try #require(try storeA.hearings().first?.hearing.id)
        _ = try storeA.setReview(hearing: hearing, to: .hasIssues, comment: "空欄", reviewer: "高橋", at: Date(timeIntervalSince1970: 1_800_000_100))
        storeA.close()
        let storeB = try HearingStore(path: b)
        _ = try storeB.setReview(hearing: hearing, to: .approved, comment: nil, reviewer: "佐々木", at: Date(timeIntervalSince1970: 1_800_000_000))
        storeB.close()
        for (target, source) in [(a, b), (b, a)] {
            let store = try HearingStore(path: target)
            _ = try store.merge([source])
            #expect(try store.reviewStatus(hearing: hearing) == .hasIssues)
            #expect(try store.reviewHistory(hearing: hearing).map(\.reviewer) == ["佐々木", "高橋"])
            store.close()
        }
    }
}
