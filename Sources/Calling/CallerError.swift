/// Problems the caller reports instead of returning a silent empty result.
package enum CallerError: Error, Equatable, Sendable, CustomStringConvertible {
    case noReadsInTargets(path: String)

    package var description: String {
        switch self {
        case .noReadsInTargets(let p):
            return "\(p): no reads pass the filters in any panel target (wrong panel, or an empty or off-target file)"
        }
    }
}
