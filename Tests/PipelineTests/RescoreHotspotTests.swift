import Foundation
@testable import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// `g2t rescore` reads a colorectal sample's hotspot calls without `Codable` (`HotspotCall.plainList`)
/// when they are in g2t's plain form, and through `Codable` otherwise: both give the same scored line,
/// and a broken hotspot call is still refused with the general path's message.
@Suite struct RescoreHotspotTests {
    static func colorectalLine() throws -> String {
        let called = try Stages.call(CallOptions(input: TestSupport.testData("samples/demo-nsclc.bam"), environment: ["SOURCE_DATE_EPOCH": "0"]))
        var a = try Stages.annotate(called)
        a.sample.tumorType = "COADREAD"
        #expect(a.hotspots.contains { $0.gene == "KRAS" } && a.hotspots.count > 10)
        return String(decoding: try JSONCoding.encode(a, .line).dropLast(), as: UTF8.self)
    }

    /// The scored line without its `annotated` member (the input, copied as read).
    static func scoring(_ out: [UInt8]) throws -> [UInt8] {
        let top = try #require(JSONMembers(out, in: 0..<(out.count - 1)))
        let r = try #require(top.range(of: "annotated"))
        return Array(out[r.upperBound...])
    }

    @Test func plainAndCodableHotspotsScoreAlike() throws {
        let rescorer = try CohortRescorer(context: try ScoringContext(kb: try KnowledgeBaseLoader.bundled()), threads: 1)
        let line = try Self.colorectalLine()
        let bytes = Array(line.utf8)
        let top = try #require(JSONMembers(bytes, in: 0..<bytes.count))
        let hotspots = try #require(top.range(of: "hotspots"))
        // The committed sample's hotspots are in the plain form, and read as `Codable` reads them.
        let plain = try #require(HotspotCall.plainList(bytes, in: hotspots))
        #expect(plain == (try JSONCoding.decodeTree([HotspotCall].self, from: bytes, in: hotspots)))
        let out = try rescorer.scoreLine(bytes, rescorer.context).get()
        let panelLimits = try #require(JSONMembers(out, in: 0..<(out.count - 1))?.range(of: "panelLimits"))
        #expect(String(decoding: out[panelLimits], as: UTF8.self).contains("\"assessment\""), "the hotspots were read")
        // Only the hotspots member edited.
        let head = String(decoding: bytes[..<hotspots.lowerBound], as: UTF8.self), tail = String(decoding: bytes[hotspots.upperBound...], as: UTF8.self)
        func edited(_ old: String, _ new: String) -> String {
            head + String(decoding: bytes[hotspots], as: UTF8.self).replacingOccurrences(of: old, with: new) + tail
        }
        // The same calls with an escape in every KRAS gene name (not the plain form: `Codable` reads them).
        let escaped = edited("\"gene\":\"KRAS\"", "\"gene\":\"K\\u0052AS\"")
        #expect(escaped != line)
        let escapedBytes = Array(escaped.utf8)
        #expect(HotspotCall.plainList(escapedBytes, in: try #require(JSONMembers(escapedBytes, in: 0..<escapedBytes.count)?.range(of: "hotspots"))) == nil)
        let viaCodable = try rescorer.scoreLine(escapedBytes, rescorer.context).get()
        #expect(try Self.scoring(viaCodable) == (try Self.scoring(out)))
        // A hotspot call `Codable` refuses: refused as before, by the general path.
        for (old, new) in [("\"depth\":", "\"depth\":\"x\",\"dept\":"), ("\"status\":\"not-detected\"", "\"status\":\"nope\""),
                           ("\"vaf\":", "\"vaf\":null,\"vag\":")] {
            let broken = edited(old, new)
            #expect(broken != line)
            guard case .failure(let m) = rescorer.scoreLine(Array(broken.utf8), rescorer.context) else {
                Issue.record("accepted: \(new)")
                continue
            }
            #expect(m.text.hasPrefix("not an analysis JSON (") && m.text.contains("hotspots"), "\(m.text)")
        }
    }
}
