import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension OutputFile {
    /// Runs `body` with SIGPIPE blocked on the calling thread, then discards a SIGPIPE that
    /// `body` raised, so a write to a pipe without a reader returns `EPIPE` and the process lives on.
    ///
    /// A write raises SIGPIPE on the thread that made it, so blocking it on this thread is enough.
    /// When SIGPIPE was already blocked on entry, the mask and any pending SIGPIPE stay as they were.
    static func withSIGPIPEBlocked<Result>(_ body: () -> Result) -> Result {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        guard sigismember(&previous, SIGPIPE) == 0 else {
            return body()
        }

        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var noWait = timespec(tv_sec: 0, tv_nsec: 0)
                sigtimedwait(&blocked, nil, &noWait)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }
}
