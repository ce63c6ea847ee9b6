import Foundation
import Testing

@testable import Runtime

/// `ONEJOB_BATCH_URL`: a JSON Lines batch split over task indexes, with real text-mesh jobs.
@Suite struct BatchFanOutTests {
    static func job(_ number: Int) -> String {
        // Line 6 (position 5, task 2) is invalid on purpose: its task must exit 64 and redo it on retry.
        if number == 5 { return #"{"kind":"text-mesh","id":"batch-5","params":{"text":"x","height":-1}}"# }
        return #"{"kind":"text-mesh","id":"batch-\#(number)","params":{"text":"B\#(number)","height":4,"depth":1,"preview":false}}"#
    }

    func runTask(_ index: Int, directory: String, attempt: Int = 0) async throws -> BuiltBinary.Output {
        try await BuiltBinary.run(
            [],
            environment: [
                "ONEJOB_BATCH_URL": "file://\(directory)/batch.jsonl", "ONEJOB_OUTPUT": directory + "/out",
                "CLOUD_RUN_TASK_INDEX": "\(index)", "CLOUD_RUN_TASK_COUNT": "3", "CLOUD_RUN_TASK_ATTEMPT": "\(attempt)",
            ])
    }

    func summary(_ directory: String, _ index: Int) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/batch-\(index).json"))))
    }

    @Test func sevenJobsOverThreeTasksEachDoneOnceAndARerunSkipsFinishedOnes() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A blank line does not count as a job.
        let lines = (0..<7).map(Self.job)
        let text = lines[0..<3].joined(separator: "\n") + "\n\n" + lines[3...].joined(separator: "\n") + "\n"
        try text.write(toFile: directory + "/batch.jsonl", atomically: true, encoding: .utf8)

        var done: [String: Int] = [:]
        for index in 0..<3 {
            let result = try await runTask(index, directory: directory)
            #expect(result.status == (index == 2 ? 64 : 0), "\(result.stderr)")
            let jobs = try summary(directory, index)["jobs"]?.arrayValue ?? []
            for job in jobs {
                let id = try #require(job["id"]?.stringValue)
                done[id, default: 0] += 1
                // Task i gets positions i, i+3, …
                let number = try #require(Int(id.dropFirst("batch-".count)))
                #expect(number % 3 == index)
            }
            #expect(try summary(directory, index)["exitCode"] == .number(index == 2 ? 64 : 0))
        }
        #expect(done == Dictionary(uniqueKeysWithValues: (0..<7).map { ("batch-\($0)", 1) }))
        for number in [0, 1, 2, 3, 4, 6] {
            let result = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/batch-\(number)/result.json"))))
            #expect(result["status"] == .string("succeeded"))
            #expect(FileManager.default.fileExists(atPath: "\(directory)/out/batch-\(number)/text.stl"))
        }

        // The retry of task 2 skips batch-2 (succeeded) and redoes only the failed batch-5.
        let stl = "\(directory)/out/batch-2/text.stl"
        let before = try FileManager.default.attributesOfItem(atPath: stl)[.modificationDate] as? Date
        let retry = try await runTask(2, directory: directory, attempt: 1)
        #expect(retry.status == 64)
        let jobs = try summary(directory, 2)["jobs"]?.arrayValue ?? []
        #expect(jobs.map { $0["status"]?.stringValue } == ["skipped", "failed"])
        #expect(jobs.map { $0["id"]?.stringValue } == ["batch-2", "batch-5"])
        #expect(try FileManager.default.attributesOfItem(atPath: stl)[.modificationDate] as? Date == before)
        #expect(try summary(directory, 2)["attempt"] == .number(1))
    }

    @Test func slotsComeFromCloudRunOrIndexedJobs() throws {
        #expect(try TaskSlot.from(Environment(["CLOUD_RUN_TASK_INDEX": "2", "CLOUD_RUN_TASK_COUNT": "3"])) == TaskSlot(index: 2, count: 3))
        #expect(try TaskSlot.from(Environment(["JOB_COMPLETION_INDEX": "1", "ONEJOB_TASK_COUNT": "4"])) == TaskSlot(index: 1, count: 4))
        #expect(try TaskSlot.from(Environment([:])) == TaskSlot(index: 0, count: 1))
        #expect(throws: JobError.self) { try TaskSlot.from(Environment(["JOB_COMPLETION_INDEX": "1"])) }
        #expect(throws: JobError.self) { try TaskSlot.from(Environment(["CLOUD_RUN_TASK_INDEX": "3", "CLOUD_RUN_TASK_COUNT": "3"])) }
        #expect(throws: JobError.self) { try TaskSlot.from(Environment(["CLOUD_RUN_TASK_INDEX": "x"])) }
        let slot = TaskSlot(index: 1, count: 3)
        #expect((0..<7).filter(slot.owns) == [1, 4])
    }

    @Test func theWorstClassWins() {
        #expect(BatchRunner.worst([.success, .temporary, .invalidJob, .toolFailed]) == .invalidJob)
        #expect(BatchRunner.worst([]) == .success)
        #expect(BatchFile.entries(Array("a\n\n  b \r\n".utf8)).map(\.line) == [1, 3])
    }
}
