import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running child started with `posix_spawn` that inherits only standard input, output
/// and error.
///
/// Foundation's `Process` notices that a child ended when a socket the child inherited closes.
/// Children started in parallel inherit each other's sockets, so a long-lived server started
/// with `Process` delays every other child's exit until the server stops. Closing all other
/// descriptors in the child avoids that.
final class ChildProcess: @unchecked Sendable {
    let processIdentifier: pid_t
    /// The read end of the child's standard output.
    let outputDescriptor: Int32

    private let lock = NSLock()
    private var reapedStatus: Int32?

    /// Starts `executable`; standard output goes to a pipe, standard error to `errorFile`.
    ///
    /// - Throws: `EmulatorProcessError` when the pipe or the spawn fails.
    init(executable: URL, arguments: [String], environment: [String: String], errorFile: URL) throws {
        var pipeDescriptors: [Int32] = [0, 0]
        guard pipe(&pipeDescriptors) == 0 else {
            throw EmulatorProcessError(description: "Cannot create a pipe: \(String(cString: strerror(errno))).")
        }
        // Keep both ends out of children that other threads start; dup2 clears the flag on the child's copy.
        for descriptor in pipeDescriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        defer { close(pipeDescriptors[1]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeDescriptors[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // glibc ignores failures to close descriptors that are not open, so closing a generous
        // range also catches descriptors another thread opens while this runs.
        for descriptor in 3...Self.highestDescriptorToClose() {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        // Start the child with no blocked signals and default signal actions, whatever the
        // calling thread has, so that SIGTERM reaches the child's handler.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        posix_spawnattr_setsigmask(&attributes, &emptySet)
        var fullSet = sigset_t()
        sigfillset(&fullSet)
        posix_spawnattr_setsigdefault(&attributes, &fullSet)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argumentStrings = [executable.path] + arguments
        let environmentStrings = environment.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = argumentStrings.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, &argv, &envp)
        guard result == 0 else {
            close(pipeDescriptors[0])
            throw EmulatorProcessError(description: "Cannot start \(executable.path): \(String(cString: strerror(result))).")
        }
        processIdentifier = pid
        outputDescriptor = pipeDescriptors[0]
    }

    deinit {
        close(outputDescriptor)
    }

    /// Returns a descriptor number above every open one, with room for a few opened meanwhile.
    private static func highestDescriptorToClose() -> Int32 {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let ceiling = Int32(clamping: min(limit.rlim_cur, 65_536)) - 1
        return max(3, min((open.max() ?? 3) + 256, ceiling))
    }

    /// Reads standard output up to the first newline; nil when the child closes it or `timeout` passes.
    func readFirstLine(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !bytes.contains(UInt8(ascii: "\n")) {
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            var descriptor = pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, remaining)
            if ready == 0 {
                return nil
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            let count = read(outputDescriptor, &buffer, buffer.count)
            if count <= 0 {
                return nil
            }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
    }

    /// The exit status once the child has ended and been reaped; nil while it runs.
    /// A child ended by a signal reports 128 plus the signal number, as shells do.
    var exitStatus: Int32? {
        lock.withLock {
            if reapedStatus == nil {
                var status: Int32 = 0
                if waitpid(processIdentifier, &status, WNOHANG) == processIdentifier {
                    let signal = status & 0x7f
                    reapedStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                }
            }
            return reapedStatus
        }
    }

    /// Sends SIGTERM and waits up to `grace` seconds, then sends SIGKILL and waits.
    func terminate(grace: TimeInterval) {
        guard exitStatus == nil else {
            return
        }
        kill(processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while exitStatus == nil && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        if exitStatus == nil {
            kill(processIdentifier, SIGKILL)
            while exitStatus == nil {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
    }
}
