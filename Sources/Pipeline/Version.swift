import HTS

/// g2t's own version, and what it runs on.
public enum G2TVersion {
    public static let current = "0.1.0"
    public static var htslib: String { HTSEnvironment.htslibVersion }
}
