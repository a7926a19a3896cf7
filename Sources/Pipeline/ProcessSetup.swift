import HTS

/// Process-wide set-up the g2t binary runs first thing in `main`, before any thread exists.
public enum ProcessSetup {
    /// htslib's environment (`setenv` is unsafe once threads may call `getenv`).
    public static func atStartup() {
        HTSEnvironment.configure()
    }
}
