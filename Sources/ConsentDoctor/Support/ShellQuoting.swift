import Foundation

/// POSIX shell quoting for values placed in generated commands.
public enum ShellQuoting {
    /// Returns `word` unchanged when it contains only characters with no meaning to a POSIX
    /// shell, and otherwise wraps it in single quotes, writing each embedded quote as `'\''`.
    public static func quote(_ word: String) -> String {
        let safe = !word.isEmpty && word.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || "_-.,:/@%+=".utf8.contains(byte)
        }
        if safe {
            return word
        }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Joins words into one command line, quoting each one that needs it.
    public static func commandLine(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
