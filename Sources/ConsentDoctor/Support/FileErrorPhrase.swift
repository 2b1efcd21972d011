import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Short phrases for file read and write failures, for error sentences that name the file.
public enum FileErrorPhrase {
    /// Returns the system's phrase for the POSIX error under a Foundation file error, in lower
    /// case, such as `no such file or directory`, or Foundation's own description without its
    /// final period when there is none.
    public static func phrase(for error: any Error) -> String {
        if let posix = error as? POSIXError {
            return systemPhrase(posix.code.rawValue)
        }
        let nsError = error as NSError
        if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return systemPhrase(posix.code.rawValue)
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return systemPhrase(Int32(underlying.code))
        }
        var text = nsError.localizedDescription
        while text.hasSuffix(".") {
            text.removeLast()
        }
        return text
    }

    private static func systemPhrase(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
