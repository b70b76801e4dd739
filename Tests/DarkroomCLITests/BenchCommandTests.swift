import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom bench` on the shared corpus: `--only` and `--variant` choose the rows, and an
/// unknown variant is refused by name.
@Suite struct BenchCommandTests {
    @Test func variantKeepsOnlyTheNamedRows() throws {
        let result = try DarkroomRunner.run([
            "bench", "--corpus", DarkroomRunner.corpus.path, "--only", "w3_wide", "--variant", "classic", "--reps", "1", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = try #require(object?["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["id"] as? String == "w3_wide" && rows.first?["variant"] as? String == "classic")
        #expect((rows.first?["median_ms"] as? Double ?? 0) > 0)
    }

    @Test func unknownVariantIsRefusedByName() throws {
        let result = try DarkroomRunner.run(["bench", "--corpus", DarkroomRunner.corpus.path, "--variant", "classic,sharp"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--variant sharp is not one of"), "\(result.stderr)")
        #expect(result.stderr.contains("linear-gap2"))
    }
}
