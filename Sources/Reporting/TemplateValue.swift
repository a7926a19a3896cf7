/// A value the report template shows or branches on: what a `TemplateNode` answers for a name.
enum TemplateValue {
    /// Shown HTML-escaped by `{{name}}`; a section over it renders once with the text as context.
    case text(String)
    /// A section renders when true, an inverted section when false; shown as "true"/"false".
    case flag(Bool)
    /// A struct of the view: a section renders once with it as context.
    case node(any TemplateNode)
    /// A section renders once per element; an inverted section when there is none.
    case nodes([any TemplateNode])
    case texts([String])
}

/// A struct of the report view: answers each of its stored properties by name (an optional that
/// holds nothing answers nil, so the look-up goes on to the enclosing context), nil for any other.
/// Written by hand per struct (`ReportView+Names.swift`); `TemplateNamesTests` checks each against
/// `Mirror`, so a property left out fails the tests.
protocol TemplateNode {
    func value(named name: String) -> TemplateValue?
}
