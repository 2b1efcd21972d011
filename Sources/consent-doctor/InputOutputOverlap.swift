import ConsentDoctor

/// A command-line file that a command reads or writes, with the option that named it.
struct NamedFile {
    /// The option, such as `--snapshot`, or the positional argument's name, such as `FILE`.
    var option: String
    var path: String
}

/// Checks that no output file is also an input file, because writing the output would destroy
/// the input: a report replacing the paste it explains, or a snapshot replacing the one it loads.
enum InputOutputOverlap {
    /// Throws when an output in `outputs` would write a file in `inputs`. Standard input and
    /// standard output (`-`) are skipped, and so is an input that does not exist yet.
    ///
    /// - Throws: `UsageError` naming both options and the file, before anything is read or written.
    static func check(inputs: [NamedFile], outputs: [NamedFile]) throws {
        for output in outputs where output.path != "-" {
            for input in inputs where input.path != "-" && OutputFile.overwrites(output.path, input: input.path) {
                let names = input.path == output.path ? "'\(output.path)'" : "the same file ('\(output.path)' and '\(input.path)')"
                throw UsageError(message: "\(output.option) and \(input.option) both name \(names), so writing the output would replace the input. Give the output another file.")
            }
        }
    }
}
