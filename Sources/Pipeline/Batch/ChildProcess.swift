#if canImport(Glibc)
import Glibc
#endif

/// One `g2t pipeline` child of a batch, run with posix_spawn so that a crash (a signal) or a hang
/// ends only that sample: the batch records how it ended and goes on. The calling thread waits
/// for the child, so it outlives it: the child's PR_SET_PDEATHSIG (`ParentDeath`) fires when the
/// spawning *thread* ends, which is then only when the whole batch process dies.
struct ChildProcess {
    /// How the child ended.
    enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut(seconds: Double)

        var text: String {
            switch self {
            case .exited(let c): return "exit \(c)"
            case .signalled(let s): return "signal \(s)\(Self.signalNames[s].map { " (\($0))" } ?? "")"
            case .timedOut(let t): return "timeout (killed after \(t) s)"
            }
        }

        static let signalNames: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
                                                   9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM"]
    }

    /// Runs `executable arguments` with stdout discarded and stderr into `stderrPath` (a new file
    /// in a private folder); kills it with SIGKILL after `timeout` seconds.
    /// `environment` is set on top of this process's (SOURCE_DATE_EPOCH of the batch).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], stderrPath: String, timeout: Double?) throws -> Ending {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var inherited: [String] = []
        var e = environ
        while let p = e.pointee {
            let entry = String(cString: p)
            if !environment.keys.contains(where: { entry.hasPrefix($0 + "=") }) { inherited.append(entry) }
            e += 1
        }
        let envp: [UnsafeMutablePointer<CChar>?] = (inherited + environment.map { "\($0.key)=\($0.value)" }).map { strdup($0) } + [nil]
        defer { for p in envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw PipelineError.output(path: executable, detail: "cannot start a sample's process (\(errnoText(rc)))") }
        var status: Int32 = 0
        if let timeout {
            let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
            while true {
                let w = waitpid(pid, &status, WNOHANG)
                if w == pid { break }
                if w < 0 && errno != EINTR { throw PipelineError.output(path: executable, detail: "lost a sample's process (\(errnoText()))") }
                if ContinuousClock.now >= deadline {
                    kill(pid, SIGKILL)
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                    return .timedOut(seconds: timeout)
                }
                usleep(20_000)
            }
        } else {
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { throw PipelineError.output(path: executable, detail: "lost a sample's process (\(errnoText()))") }
            }
        }
        // WIFEXITED / WTERMSIG are C macros that Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
