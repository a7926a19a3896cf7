import HTS

/// g2t's own version, and what it runs on.
public enum G2TVersion {
    public static let current = "0.1.0"
    /// The git commit of this build ("unknown" outside a checkout; "-dirty" with uncommitted changes).
    public static var commit: String { BuildInfo.commit }
    public static var htslib: String { HTSEnvironment.htslibVersion }
}
