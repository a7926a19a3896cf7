import G2TCore
@testable import Reporting
import Testing

/// `ChunkedTemplate` (the report template parsed in pieces) renders what the whole template renders.
@Suite struct ChunkedTemplateTests {
    /// Sections, inverted sections, standalone tag lines, a multi-line comment and a triple mustache.
    static let sample = """
    <h1>{{title}}</h1>
    {{#items}}
      <li>{{name}}
      {{#flag}}on{{/flag}}</li>
    {{/items}}
    {{^items}}
    none
    {{/items}}
    {{! a comment
        over two lines }}
      {{{raw}}} & {{raw}}
    {{#nested}}
    {{#items}}{{name}}{{/items}}
    {{/nested}}
    end
    """

    /// The template parsed as one piece (one Mustache template: no cut is ≥ Int.max bytes long).
    static func whole(_ text: String) throws -> ChunkedTemplate {
        let t = try ChunkedTemplate(string: text, pieceSize: .max)
        #expect(t.pieceCount == 1)
        return t
    }

    struct Item { var name: String; var flag: Bool }
    struct View { var title: String; var items: [Item]; var raw: String; var nested: Bool }

    @Test func piecesRenderAsTheWholeTemplate() throws {
        for view in [View(title: "T", items: [Item(name: "a", flag: true), Item(name: "<b>", flag: false)], raw: "<i>", nested: true),
                     View(title: "", items: [], raw: "", nested: false)] {
            let whole = try Self.whole(Self.sample).render(view)
            let chunked = try ChunkedTemplate(string: Self.sample, pieceSize: 1)
            #expect(chunked.pieceCount > 3)
            #expect(chunked.render(view) == whole)
        }
    }

    @Test func cutsOnlyOutsideSectionsAndTags() throws {
        let pieces = ChunkedTemplate.pieces(of: Self.sample, pieceSize: 1)
        #expect(pieces.joined() == Self.sample)
        #expect(pieces.contains("{{#items}}\n  <li>{{name}}\n  {{#flag}}on{{/flag}}</li>\n{{/items}}\n"))
        #expect(pieces.contains("{{! a comment\n    over two lines }}\n"))
    }

    @Test func templatesWhoseTagsCrossACutAreParsedWhole() {
        for t in ["a\n{{=<% %>=}}\n<%x%>\n", "a\n{{>part}}\nb\n", "a\n{{#open}}\nb\n", "a\n{{/close}}\nb\n", "a\n{{x\n"] {
            #expect(ChunkedTemplate.pieces(of: t, pieceSize: 1) == [t], "\(t)")
        }
    }

    /// The report page: the embedded template in pieces renders the same bytes as parsed whole.
    @Test func reportTemplateRendersAsWhole() throws {
        let text = try #require(ReportRenderer.templateText)
        let genes = try PanelLoader.bundled(build: .grch38).genes
        let chunked = try ChunkedTemplate(string: text)
        #expect(chunked.pieceCount > 5)
        var empty = ReportRendererTests().analysis(sample: "<x>")
        empty.variants = []
        empty.therapies = []
        for a in [ReportRendererTests().analysis(), empty] {
            let view = MustacheLookup.index(ReportView(a, disclaimer: "D", genes: genes))
            #expect(chunked.render(view) == (try Self.whole(text).render(view)))
        }
    }
}
