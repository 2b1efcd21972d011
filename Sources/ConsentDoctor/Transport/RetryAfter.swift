import Foundation

/// Reads the `Retry-After` header, which contains either a number of seconds or an HTTP date.
public enum RetryAfter {
    /// Returns the wait in seconds, never negative, or nil when the value is neither form.
    ///
    /// - Parameters:
    ///   - value: The header value, such as `7` or `Sun, 06 Nov 1994 08:49:37 GMT`.
    ///   - now: The current time, used to turn a date into a wait.
    public static func seconds(from value: String, now: Date) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite {
            return max(0, seconds)
        }
        guard let date = httpDate(trimmed) else {
            return nil
        }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses the IMF-fixdate form of RFC 9110 and the two obsolete forms it still allows.
    static func httpDate(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }
}
