import HTS

/// g2t's own version, and what it runs on.
package enum G2TVersion {
    package static let current = "0.1.0"
    /// The git commit of this build ("unknown" outside a checkout; "-dirty" with uncommitted changes).
    package static var commit: String { BuildInfo.commit }
    package static var htslib: String { HTSEnvironment.htslibVersion }
}
