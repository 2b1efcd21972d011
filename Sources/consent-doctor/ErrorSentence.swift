/// The text of an `Error: ...` line, so that every message continues the prefix in lower case.
///
/// Messages come from many error types whose descriptions are also used as sentences of their
/// own, such as `The snapshot file ... is invalid`. The first word is lowered here instead of in
/// each type, so `Error: the snapshot file ...` reads the same as `Error: cannot write ...`.
enum ErrorSentence {
    /// Names that keep their capital letter at the start of an error line.
    static let properNouns: Set<String> = ["Azure", "Entra", "Graph", "Linux", "Microsoft", "Redis", "Windows"]

    /// Returns `message` with its first letter in lower case when the first word is an ordinary
    /// capitalised word. Proper nouns, words with more capitals (`RedisInsight`, `AADSTS650052`)
    /// and messages that start with another character (`--output`, `'file'`) stay as they are.
    static func continuing(_ message: String) -> String {
        let word = message.prefix { $0.isLetter }
        guard let first = word.first, first.isUppercase, word.dropFirst().allSatisfy(\.isLowercase) else {
            return message
        }
        guard !properNouns.contains(String(word)) else {
            return message
        }
        return first.lowercased() + message.dropFirst()
    }
}
