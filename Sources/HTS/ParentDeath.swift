import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Ties a batch's per-sample `g2t pipeline` process to its `g2t batch` parent: when the parent
/// dies (even by SIGKILL) the child is killed too, instead of running on and publishing into an
/// `--out` nobody watches. Lives in HTS because it needs a C shim (prctl is variadic).
package enum ParentDeath {
    /// Environment variable through which `g2t batch` passes its own pid to each child.
    package static let parentVariable = "G2T_BATCH_PARENT_PID"

    /// Called first thing in `main`. When `parentVariable` names a pid, asks the kernel for
    /// SIGKILL on the parent's death, then checks the parent once more: a parent that died between
    /// spawning this process and the prctl call would otherwise go unnoticed (the child has then
    /// been re-parented, so getppid() differs).
    package static func armIfBatchChild() {
        guard let v = getenv(parentVariable) else { return }
        let expected = pid_t(String(cString: v))
        // Not passed on to anything this process starts; runs before any thread exists.
        unsetenv(parentVariable)
        guard let expected, expected > 1 else { return }
        #if os(Linux)
        _ = g2t_set_parent_death_signal(SIGKILL)
        #endif
        if getppid() != expected { kill(getpid(), SIGKILL) }
    }
}
