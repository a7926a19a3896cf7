import G2TCore
import Mustache
@testable import Reporting
import Testing
import TestSupport

/// `ReportTemplate` renders what swift-mustache renders: the report page and samples of every tag
/// and whitespace rule it accepts; what it does not accept is refused.
@Suite struct ReportTemplateTests {
    /// Sections, inverted sections, standalone and inline tags, blanks before tags, comments, triple
    /// and ampersand variables, dotted and anchored names, sections over texts and flags.
    static let samples = [
        """
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
          {{{raw}}} & {{raw}} {{&raw}}
        {{#nested}}
        {{#items}}{{name}}{{/items}}
        {{/nested}}
          {{#words}}
            <i>{{.}}</i>
          {{/words}}
        {{^empty}}no words{{/empty}}
        {{#first}}{{first.name}} {{.name}} {{title}}{{/first}}
        {{#missing}}x{{/missing}}{{^missing}}y{{/missing}} {{missing}} {{first.missing}}
          {{! standalone comment }}
        {{#title}}[{{.}}]{{/title}} {{nested}} {{ title }}
        \t{{#flag2}}  \t
        a { b } {{title}}{
        \t{{/flag2}}
          {{! inline }}  after
        {{#items}}{{/items}}  {{^items}}{{/items}}
        end  
          
        """,
        "no newline at the end {{title}}",
        "{{#items}}{{name}},{{/items}}\n  ",
        "  {{title}}\n{{#flag2}}\n{{/flag2}}x{{#flag2}}\n  {{/flag2}}  \n",
    ]

    struct Item: TemplateNode {
        var name: String
        var flag: Bool
        func value(named n: String) -> TemplateValue? {
            switch n {
            case "name": .text(name)
            case "flag": .flag(flag)
            default: nil
            }
        }
    }

    struct View: TemplateNode {
        var title: String
        var items: [Item]
        var raw: String
        var nested: Bool
        var words: [String]
        var empty: [String]
        var first: Item?
        var flag2: Bool
        func value(named n: String) -> TemplateValue? {
            switch n {
            case "title": .text(title)
            case "items": .nodes(items)
            case "raw": .text(raw)
            case "nested": .flag(nested)
            case "words": .texts(words)
            case "empty": .texts(empty)
            case "first": first.map { .node($0) }
            case "flag2": .flag(flag2)
            default: nil
            }
        }
    }

    static let views = [
        View(title: "T <&> \"'", items: [Item(name: "a", flag: true), Item(name: "<b>", flag: false)], raw: "<i>", nested: true,
             words: ["x", "y & z"], empty: [], first: Item(name: "F", flag: true), flag2: true),
        View(title: "", items: [], raw: "", nested: false, words: [], empty: ["e"], first: nil, flag2: false),
        // Beyond ASCII: a combining mark joins "<" into another Character, which is not escaped.
        View(title: "<\u{338} ≥ é <", items: [Item(name: "×<", flag: true)], raw: "–", nested: true, words: ["\u{301}'"], empty: [],
             first: Item(name: "'\u{300}", flag: false), flag2: true),
    ]

    /// swift-mustache's render of `text` (views are looked up through `Mirror`: they do not conform
    /// to its `MustacheParent`).
    static func library(_ text: String, _ view: Any) throws -> String { try MustacheTemplate(string: text).render(view) }

    static func ours(_ text: String, _ view: any TemplateNode) throws -> String {
        String(decoding: try ReportTemplate(string: text).render(view), as: UTF8.self)
    }

    @Test func samplesRenderAsSwiftMustache() throws {
        for (k, text) in Self.samples.enumerated() {
            for (n, view) in Self.views.enumerated() {
                #expect(try Self.ours(text, view) == (try Self.library(text, view)), "sample \(k), view \(n)")
            }
        }
    }

    /// The report page, demo and full views: the same bytes as swift-mustache's render of the whole template.
    @Test func reportPageRendersAsSwiftMustache() throws {
        let text = try #require(ReportRenderer.templateText)
        let genes = try PanelLoader.bundled(build: .grch38).genes
        var empty = ReportRendererTests().analysis(sample: "<x>")
        empty.variants = []
        empty.therapies = []
        let views = [try TemplateNamesTests.fullView(), ReportView(try TemplateNamesTests.demo(), disclaimer: "D", genes: genes),
                     ReportView(ReportRendererTests().analysis(), disclaimer: "D", genes: genes), ReportView(empty, disclaimer: "D", genes: genes)]
        let library = try MustacheTemplate(string: text)
        for (n, view) in views.enumerated() {
            let page = try Self.ours(text, view)
            #expect(page.count > 10_000)
            #expect(page == library.render(view), "view \(n)")
        }
    }

    @Test func unsupportedTagsAreRefused() {
        for t in ["a\n{{=<% %>=}}\n<%x%>\n", "a\n{{>part}}\nb\n", "{{<parent}}{{/parent}}", "{{$block}}{{/block}}", "{{% CONTENT_TYPE: TEXT}}",
                  "a\n{{#open}}\nb\n", "a\n{{/close}}\nb\n", "{{#a}}{{/b}}", "a\n{{x\n", "{{x(y)}}", "{{}}", "a\r\nb", "{{\nx}}", "{{{x}}"] {
            #expect(throws: ReportError.self, "\(t)") { try ReportTemplate(string: t) }
        }
    }
}
