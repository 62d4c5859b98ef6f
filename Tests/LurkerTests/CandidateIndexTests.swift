import Testing

@testable import Lurker

@Suite struct CandidateIndexTests {
    private static let index = CandidateIndex(
        source: Program(), strings: BytesTable([]), numbers: [(-1.5, 0), (0, 1), (2, 2), (10, 3)], booleans: [],
        campaigns: [[0], [1], [2], [3]])

    @Test(arguments: [(-1.5, 0), (0, 1), (-0.0, 1), (2, 2), (10, 3)] as [(Double, Int32)])
    func numberKeyFindsItsList(number: Double, list: Int32) {
        #expect(Self.index.list(for: number) == list)
    }

    @Test(arguments: [-2, -1, 1, 3, 11, .infinity, -.infinity, .nan] as [Double])
    func numberThatIsNoKeyFindsNothing(number: Double) {
        #expect(Self.index.list(for: number) == nil)
    }

    @Test func indexWithoutNumberKeysFindsNothing() {
        let index = CandidateIndex(source: Program(), strings: BytesTable([]), numbers: [], booleans: [], campaigns: [])
        #expect(index.list(for: 0) == nil)
    }
}
