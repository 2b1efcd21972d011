import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A failed write to standard output: the system's `errno` when Foundation passed one on, and
/// the reason as text.
struct StandardOutputFailure: Sendable {
    var code: Int32?
    var reason: String

    init(_ error: any Error) {
        let nsError = error as NSError
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        if nsError.domain == NSPOSIXErrorDomain {
            code = Int32(nsError.code)
        } else if let underlying, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        }
        if let code, let message = strerror(code) {
            reason = String(cString: message)
        } else {
            reason = error.localizedDescription
        }
    }

    /// The message for standard error: the reason and advice that fits it.
    var message: String {
        let advice: String
        switch code {
        case ENOSPC, EDQUOT:
            advice = "Free some space or write the report elsewhere with --output FILE."
        case EBADF:
            advice = "Standard output was closed, or opened only for reading, so run consent-doctor with standard output open for writing, or write the report to a file with --output FILE."
        case EPIPE:
            advice = "Standard output was closed by the program reading it before the whole report was written, so keep that program reading, or write the report to a file with --output FILE."
        default:
            advice = "Write the report elsewhere with --output FILE."
        }
        return "cannot write to standard output: \(reason). \(advice)"
    }
}
