import Foundation
import G2TCore
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
        // Number formatting: scientific notation and digit grouping are written in one place.
        ("+ \"e\" +", "G2TCore/NumberFormat.swift"),
        ("% 3 == 0", "G2TCore/NumberFormat.swift"),
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

    /// The shared notations keep the spellings the origin evidence and the UMI section have always used.
    @Test func scientificAndGroupedNotation() {
        #expect(TextFormat.scientific(2.1e-05) == "2.1e-5")
        #expect(TextFormat.scientific(0.00012345) == "1.2e-4")
        #expect(TextFormat.scientific(-3e-7) == "-3.0e-7")
        #expect(TextFormat.scientific(0) == "0")
        #expect(TextFormat.scientific(4.5e3) == "4.5e3")
        #expect(TextFormat.grouped(0) == "0")
        #expect(TextFormat.grouped(999) == "999")
        #expect(TextFormat.grouped(2430) == "2,430")
        #expect(TextFormat.grouped(-1234567) == "-1,234,567")
    }
}
