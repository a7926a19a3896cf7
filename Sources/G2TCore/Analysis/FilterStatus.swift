/// A variant's FILTER: passed, or the filters it failed, in the order they were applied.
/// Written to JSON and VCF as "PASS" or the names joined by ";".
package enum FilterStatus: Sendable, Equatable, Hashable {
    case pass
    /// Never empty: a failed filter is named.
    case failed([FailedFilter])

    /// The filters `names` name; none means passed.
    package init(failing names: [FailedFilter]) { self = names.isEmpty ? .pass : .failed(names) }

    /// "PASS", or the failed filters joined by ";" (another caller's VCF keeps its own names).
    package init(text: String) {
        self = text == "PASS" ? .pass : .failed(text.split(separator: ";", omittingEmptySubsequences: false).map { FailedFilter(name: String($0)) })
    }

    package var text: String { names.joined(separator: ";") }
    /// The names as the VCF's FILTER column lists them: ["PASS"] or the failed ones.
    package var names: [String] {
        switch self {
        case .pass: return ["PASS"]
        case .failed(let f): return f.map(\.name)
        }
    }
    package var failedFilters: [FailedFilter] {
        if case .failed(let f) = self { return f }
        return []
    }
}

/// One failed filter: g2t's own (described in the VCF header) or another caller's, by name.
package enum FailedFilter: Sendable, Equatable, Hashable {
    case call(CallFilter)
    case other(String)

    package init(name: String) { self = CallFilter(rawValue: name).map(FailedFilter.call) ?? .other(name) }

    package var name: String {
        switch self {
        case .call(let f): return f.rawValue
        case .other(let n): return n
        }
    }
}

extension FilterStatus: Codable {
    package init(from decoder: Decoder) throws { self.init(text: try decoder.singleValueContainer().decode(String.self)) }
    package func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// Literals in code and tests read like the JSON: `filter: "PASS"`.
extension FilterStatus: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self.init(text: value) }
}
