import Foundation
import Testing
import TestSupport

/// Issue 14 point 5: each piece of shared mechanics has one home in Sources/, and stays so. A second
/// JSON coder set-up, CIGAR walker, parallel loop or `--threads` definition fails here, naming the file.
@Suite struct SharedMechanicsTests {
    /// (code fragment, the only file under Sources/ that may hold it)
    static let homes: [(String, String)] = [
        ("JSONEncoder()", "G2TCore/JSONCoding.swift"),
        ("JSONDecoder()", "G2TCore/JSONCoding.swift"),
        ("bam_get_cigar(", "HTS/CigarWalk.swift"),
        ("bam_cigar_op(", "HTS/CigarWalk.swift"),
        ("concurrentPerform", "G2TCore/ParallelMap.swift"),
        ("help: \"Worker threads.\"", "g2t/SharedFlags.swift"),
    ]

    @Test func eachMechanismHasOneHome() throws {
        let root = TestSupport.root + "/Sources"
        let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        var found: [String: Set<String>] = [:]
        for f in files {
            let code = try TestSupport.readText("\(root)/\(f)").split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for (fragment, _) in Self.homes where code.contains(fragment) { found[fragment, default: []].insert(f) }
        }
        for (fragment, home) in Self.homes {
            #expect(found[fragment] == [home], "\(fragment) is in \(found[fragment]?.sorted() ?? []), expected only \(home)")
        }
    }
}
