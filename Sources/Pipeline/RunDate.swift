#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The date written into reports: SOURCE_DATE_EPOCH when set (reproducible builds convention),
/// else now.
package enum RunDate {
    /// SOURCE_DATE_EPOCH must be a whole number of seconds (reproducible-builds.org); anything
    /// else is refused rather than silently replaced by the current time.
    package static func validate(environment: [String: String]) throws {
        guard let s = environment["SOURCE_DATE_EPOCH"] else { return }
        guard !s.isEmpty, s.count <= 12, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber) else {
            throw PipelineError.badInput(path: "SOURCE_DATE_EPOCH", detail: "'\(s.prefix(40))' is not a whole number of seconds since 1970")
        }
    }

    /// Whether runs are to be reproducible (no run times in batch summaries).
    package static func isReproducible(environment: [String: String]) -> Bool { environment["SOURCE_DATE_EPOCH"] != nil }

    static func iso8601(environment: [String: String]) -> String {
        let date: Date
        if let s = environment["SOURCE_DATE_EPOCH"], let secs = Double(s) {
            date = Date(timeIntervalSince1970: secs)
        } else {
            date = Date()
        }
        return date.formatted(.iso8601)
    }
}
