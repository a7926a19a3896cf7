import G2TCore
@testable import Reporting
import Testing
import TestSupport

/// The report view's template names (`ReportView+Names.swift`, one switch per struct) answer what
/// `Mirror` finds (what swift-mustache's look-up finds), for every stored property of every struct
/// of the view: a property added to a view struct but not to its switch fails here.
@Suite struct TemplateNamesTests {
    /// The demo report's analysis (the golden JSON).
    static func demo() throws -> Analysis {
        try ReportRenderer.decode(Array(try TestSupport.readText(TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json").utf8), file: "golden")
    }

    /// The demo report's view with every section and every optional filled, so that each struct type
    /// of the view is reached and each optional holds a value (the plain demo view has them nil).
    static func fullView() throws -> ReportView {
        var v = ReportView(try demo(), disclaimer: "D <&> \"q\" 'a'", genes: try PanelLoader.bundled(build: .grch38).genes)
        v.kbDataDate = "2026-01-01"
        v.fields += [.init(name: "Specimen", value: "FFPE <block>")]
        v.variantsOmitted = "Showing 1 of 2"
        v.germlineOmitted = "Showing 0 of 1"
        v.genesWithoutReads = "KRAS, BRAF"
        v.mdrSources = "PMID:1"
        v.phases = [.init(variants: "a + b", relation: "cis", both: "5", firstOnly: "1", secondOnly: "0", neither: "9")]
        v.hasPhases = true
        v.germline = v.variants
        v.hasGermline = true
        v.variantCounts = [.init(by: "Gene", value: "EGFR", count: "3")]
        v.hasVariantCounts = true
        v.copyNumber = [.init(gene: "MET", log2Ratio: "1.20", copies: "4.6", status: "gain", targets: "21", note: "n")]
        v.hasCopyNumber = true
        v.expression = [.init(gene: "ABCB1", tpm: "12.0", source: "RNA")]
        v.informational = [.init(biomarker: "TMB", matchedBy: "x", statement: "s", level: "4", sources: "src")]
        v.hasInformational = true
        v.damage = ["one", "two < three"]
        if v.therapies.isEmpty {
            v.therapies = [.init(drug: "d", drugClass: "c", pgp: "no", call: "sensitive", score: "1", explanation: "e", mdrRisk: "none", evidence: [])]
        }
        v.therapies[0].mdrNote = "note"
        v.therapies[0].context = "context"
        v.therapies[0].setting = "first line"
        v.therapies[0].panelLimit = "limit"
        v.therapies[0].evidence += [.init(effect: "sensitivity", biomarker: "b", matchedBy: "m", levels: "l", sources: "s")]
        v.vafDots += [.init(cx: "1.0", cy: "2.0", label: "dot")]
        v.hasVAFPlot = true
        let bar = ReportView.Bar(x: "1", y: "2", width: "3", height: "4", cssClass: "bar-ok", label: "bar")
        v.amplicons = .init(file: "amplicons.bed", rows: [.init(name: "A1", region: "chr7:1-2", insert: "1-2", fragments: "10", meanDepth: "9",
                                                                  status: "dropout", dropout: true)],
                            summary: "s", unmatchedReads: "3", primersTrimmed: true, dropoutRule: "rule")
        v.umi = .init(tag: "RX", readsTagged: "1", readsUntagged: "2", readsMalformed: "3", families: "4", singletons: "5", duplexFamilies: "6",
                      molecules: "7", malformedReasons: "bad: 3", histogram: [bar], histogramWidth: "50", histogramMax: "9",
                      targets: [.init(gene: "EGFR", exon: "19", rawDepth: "100", molecules: "50", families: "40", singletons: "10",
                                      duplexPercent: "5%", histogram: [bar])],
                      statements: ["statement"], errors: "C>T 1e-4")
        return v
    }

    /// What `Mirror` finds for `name` (swift-mustache's `Mirror.getValue`): the first property of that
    /// label, an optional unwrapped one level (nil when it holds nothing).
    static func mirrorChild(_ value: Any, _ name: String) -> Any? {
        guard let c = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        let m = Mirror(reflecting: c.value)
        guard m.displayStyle == .optional else { return c.value }
        return m.children.first?.value
    }

    /// A value with its dynamic type, arrays element by element.
    static func describe(_ v: Any?) -> String {
        guard let v else { return "nil" }
        let m = Mirror(reflecting: v)
        if m.displayStyle == .collection { return "[" + m.children.map { describe($0.value) }.joined(separator: ", ") + "]" }
        return "\(type(of: v)): \(String(reflecting: v))"
    }

    static func describe(_ v: TemplateValue?) -> String {
        switch v {
        case .text(let s)?: describe(s as Any)
        case .flag(let b)?: describe(b as Any)
        case .node(let n)?: describe(n as Any)
        case .nodes(let a)?: "[" + a.map { describe($0 as Any) }.joined(separator: ", ") + "]"
        case .texts(let a)?: "[" + a.map { describe($0 as Any) }.joined(separator: ", ") + "]"
        case nil: "nil"
        }
    }

    /// Checks every struct in `value` (recursively); returns the struct types met.
    static func check(_ value: Any, path: String) -> Set<String> {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            let types: Set<String> = [String(reflecting: type(of: value))]
            guard let node = value as? any TemplateNode else {
                Issue.record("\(path): \(type(of: value)) has no template names: add it to ReportView+Names.swift")
                return types
            }
            #expect(node.value(named: "noSuchName") == nil, "\(path)")
            return mirror.children.reduce(into: types) { types, child in
                guard let label = child.label else { return }
                let expected = mirrorChild(value, label)
                #expect(describe(node.value(named: label)) == describe(expected), "\(path).\(label)")
                if let expected { types.formUnion(check(expected, path: "\(path).\(label)")) }
            }
        case .collection:
            return mirror.children.enumerated().reduce(into: []) { $0.formUnion(check($1.element.value, path: "\(path)[\($1.offset)]")) }
        default:
            return []
        }
    }

    @Test func everyViewStructAnswersWhatMirrorFinds() throws {
        let types = Self.check(try Self.fullView(), path: "view")
        for t in ["ReportView", "Line", "Evidence", "Therapy", "CopyNumber", "Expression", "Informational", "Variant", "Field", "Genotype",
                  "Phase", "Hotspot", "Target", "Input", "Bar", "Dot", "CountRow", "AmpliconRow", "AmpliconSection", "UMISection", "TargetRow"] {
            #expect(types.contains { $0.hasSuffix("." + t) }, "\(t) not reached: fill it in fullView()")
        }
        // Optionals that hold nothing answer nil, as under Mirror.
        _ = Self.check(ReportView(try Self.demo(), disclaimer: "D", genes: try PanelLoader.bundled(build: .grch38).genes), path: "demo")
    }
}
