import HTS

/// Process-wide set-up the g2t binary runs first thing in `main`, before any thread exists.
package enum ProcessSetup {
    /// htslib's environment (`setenv` is unsafe once threads may call `getenv`); a batch's
    /// sample process dies with its `g2t batch` parent (`ParentDeath`).
    package static func atStartup() {
        ParentDeath.armIfBatchChild()
        HTSEnvironment.configure()
    }
}
