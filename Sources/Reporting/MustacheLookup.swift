import Mustache

/// A report view whose values Mustache looks up by name without reflecting on them for each
/// lookup. Mustache finds a name in a struct with `Mirror` (it walks and boxes every stored
/// property, per tag, and again for every enclosing context a name is searched in): on the report
/// page that was most of the HTML render. Here each struct of the view is reflected once, into a
/// table of its stored properties, and the tags look names up in the tables.
///
/// The tables hold what Mustache's own lookup finds (`Mirror.getValue(forKey:)`): the first
/// property with that label, an optional unwrapped one level and left out when empty (so that the
/// lookup goes on to the enclosing context, as it does for a nil); arrays become arrays of their
/// indexed elements; every other value (strings, numbers, Booleans, dictionaries) is kept as is.
struct MustacheLookup: MustacheParent {
    private let children: [String: Any]

    func child(named name: String) -> Any? { children[name] }

    private init(children: [String: Any]) { self.children = children }

    /// `value`, with every struct in it indexed.
    static func index(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            var table: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, table[label] == nil, let v = unwrapped(child.value) else { continue }
                table[label] = index(v)
            }
            return MustacheLookup(children: table)
        case .collection:
            return mirror.children.map { index($0.value) }
        default:
            return value
        }
    }

    /// The value an optional holds (nil when it holds none); any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
