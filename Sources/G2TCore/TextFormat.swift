/// Small text helpers shared by the stages, so every output formats alike.
package enum TextFormat {
    /// The file name of `path` without the first of `extensions` it ends with (the default
    /// sample ID): "/data/P1.vcf.gz" → "P1".
    package static func stem(_ path: String, extensions: [String]) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        for ext in extensions where base.hasSuffix(ext) { return String(base.dropLast(ext.count)) }
        return base
    }
}
