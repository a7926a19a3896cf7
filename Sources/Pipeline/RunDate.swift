#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The date written into reports: SOURCE_DATE_EPOCH when set (reproducible builds convention),
/// else now.
enum RunDate {
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
