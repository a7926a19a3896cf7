import G2TCore
import Mustache
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns an `Analysis` into the report files: JSON for machines, HTML for people.
package enum ReportRenderer {
    /// The default banner; labs change it with `--disclaimer`.
    package static let defaultDisclaimer = "For research use only. Not for diagnostic use."

    /// Pretty, key-sorted JSON: the same analysis always gives the same bytes.
    package static func json(_ a: Analysis) throws -> [UInt8] {
        try JSONCoding.encode(a, .document)
    }

    /// The bytes of `json(a)` in pieces (see `JSONCoding.stream`): a 200,000-variant analysis is
    /// never held as one document.
    package static func json(_ a: Analysis, restart: () throws -> Void, to sink: ([UInt8]) throws -> Void) throws {
        try JSONCoding.stream(a, .document, restart: restart, to: sink)
    }

    /// Reads an analysis written by `json(_:)` (the stage files).
    package static func decode(_ bytes: [UInt8], file: String) throws -> Analysis {
        do {
            return try JSONCoding.decode(Analysis.self, from: bytes)
        } catch {
            throw ReportError.notAnalysis(file: file, detail: JSONErrorText.describe(error, bytes: bytes))
        }
    }

    /// The HTML template compiled into g2t.
    package static var templateText: String? { EmbeddedData.files["report.html.mustache"] }

    /// One self-contained HTML page (inline CSS, no scripts, no network). `genes`: the panel's
    /// genes, whose roles decide the negative summary (`summary`) and the MDR gene's name (`mdr`).
    package static func html(_ a: Analysis, disclaimer: String = defaultDisclaimer, genes: [PanelGene]) throws -> String {
        String(decoding: try htmlBytes(a, disclaimer: disclaimer, genes: genes), as: UTF8.self)
    }

    /// The UTF-8 bytes of `html`, as the report file holds them. Not made into a String and back: the
    /// page is the template's and the values' UTF-8 joined (valid UTF-8, so the String would not
    /// repair anything), and checking and copying ~300 KB twice was a tenth of the page's cost.
    package static func htmlBytes(_ a: Analysis, disclaimer: String = defaultDisclaimer, genes: [PanelGene]) throws -> [UInt8] {
        try compiledTemplate.get().render(ReportView(a, disclaimer: disclaimer, genes: genes))
    }

    /// The template parsed once per process (a `static let` is initialised once, thread-safely):
    /// every report rendered in the process (tests, an in-process cohort) reuses it. Rendered by
    /// `ReportTemplate` (swift-mustache's output, without its costs: see there).
    private static let compiledTemplate: Result<ReportTemplate, ReportError> = {
        guard let text = EmbeddedData.files["report.html.mustache"] else { return .failure(.template("report template missing")) }
        do throws(ReportError) { return .success(try ReportTemplate(string: text)) } catch { return .failure(error) }
    }()
}

/// Problems reading stage files or rendering.
package enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnalysis(file: String, detail: String)
    case template(String)

    package var description: String {
        switch self {
        case .notAnalysis(let f, let d): return "\(f): not a g2t analysis JSON (\(d))"
        case .template(let d): return "report template: \(d)"
        }
    }
}
