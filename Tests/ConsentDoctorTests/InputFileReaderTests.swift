import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

struct InputFileReaderTests {
    @Test func readsWholeFile() throws {
        let url = try PackagePaths.scratchFolder("input-file").appendingPathComponent("a.txt")
        try Data(repeating: 65, count: 5000).write(to: url)

        #expect(try InputFileReader.read(path: url.path, limit: 5000).count == 5000)
    }

    @Test func oneByteOverLimit() throws {
        let url = try PackagePaths.scratchFolder("input-file").appendingPathComponent("a.txt")
        try Data(repeating: 65, count: 5001).write(to: url)

        #expect(throws: InputFileError(path: url.path, problem: .tooLarge(limit: 5000))) {
            try InputFileReader.read(path: url.path, limit: 5000)
        }
    }

    @Test func directoryNamesCause() throws {
        let folder = try PackagePaths.scratchFolder("input-folder")

        #expect(throws: InputFileError(path: folder.path, problem: .unreadable("is a directory"))) {
            try InputFileReader.read(path: folder.path)
        }
    }

    @Test func limitDescription() {
        #expect(InputFileReader.describe(bytes: 64 * 1024 * 1024) == "64 MiB")
        #expect(InputFileReader.describe(bytes: 1000) == "1000 bytes")
    }
}

struct JSONNestingTests {
    @Test(arguments: [
        ("{}", 1),
        ("[[1],[[2]]]", 3),
        (#"{"a":"[[[[{{{{","b":[1]}"#, 2),
        (#"["\"[[[",[]]"#, 2),
        ("not json ]]]", 0),
    ])
    func depth(text: String, expected: Int) {
        #expect(JSONNesting.depth(of: Data(text.utf8)) == expected)
    }
}
