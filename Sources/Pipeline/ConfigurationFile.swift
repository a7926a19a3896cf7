import G2TCore
import Foundation  // JSONSerialization (not in FoundationEssentials): key-by-key overlay of the file on the defaults

/// `--config FILE`: a JSON object with any subset of `CallingParameters`' keys (as `g2t config show`
/// prints them); keys left out keep their defaults, explicit flags override the file. An unknown key,
/// a wrong type or an out-of-range value is one error line naming the file and the key path, so a
/// misspelt threshold can never be silently ignored.
package enum ConfigurationFile {
    /// The defaults, as a file one can edit and pass back with `--config` (pretty, key-sorted JSON).
    /// The amplicon group is listed too (it applies only with `--amplicons`).
    package static func defaultsText() throws -> String {
        var p = CallingParameters()
        p.amplicon = CallingParameters.AmpliconMode()
        return try text(of: p)
    }

    /// `parameters` as a configuration file.
    package static func text(of parameters: CallingParameters) throws -> String {
        String(decoding: try JSONCoding.encoder(.document).encode(parameters), as: UTF8.self) + "\n"
    }

    /// The configuration in `path` over the defaults.
    package static func load(path: String) throws -> CallingParameters {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.badInput(path: path, detail: "cannot read the configuration file")
        }
        return try parse(Array(data), file: path)
    }

    /// The configuration in `bytes` over the defaults; `file` names it in errors.
    package static func parse(_ bytes: [UInt8], file: String) throws -> CallingParameters {
        func fail(_ detail: String) -> PipelineError { .badInput(path: file, detail: TextFormat.oneLine(detail)) }
        if let syntax = JSONSyntax.firstError(in: bytes) { throw fail("not valid JSON: \(syntax)") }
        guard let given = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw fail("a configuration file is a JSON object of thresholds (see `g2t config show`)")
        }
        // The amplicon group is optional (recorded only in amplicon mode) but settable: its defaults are overlaid too.
        var full = CallingParameters()
        full.amplicon = CallingParameters.AmpliconMode()
        let defaults = try JSONSerialization.jsonObject(with: JSONCoding.encoder(.document).encode(full)) as? [String: Any] ?? [:]
        let merged = try overlay(given, on: defaults, path: "", fail: fail)
        var parameters: CallingParameters
        do {
            parameters = try decode(merged)
            if given["amplicon"] == nil { parameters.amplicon = nil }
        } catch {
            // Foundation's decoder does not always say which key failed (a fraction for a whole number):
            // find it by trying the file's values one at a time over the defaults.
            for (keyPath, value) in leaves(given, path: "") {
                var one = defaults
                set(&one, keyPath.split(separator: ".").map(String.init), to: value)
                if (try? decode(one)) == nil {
                    let d = keyPath.split(separator: ".").reduce(defaults as Any?) { ($0 as? [String: Any])?[String($1)] }
                    throw fail("\(keyPath): wrong type for this key (its default is \(d.map(show) ?? "?"))")
                }
            }
            throw fail(JSONErrorText.describe(error))
        }
        if let first = parameters.problems.first { throw fail("\(first)") }
        return parameters
    }

    static func decode(_ object: [String: Any]) throws -> CallingParameters {
        try JSONCoding.decoder().decode(CallingParameters.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// Every non-object value in `object`, with its dotted key path.
    static func leaves(_ object: [String: Any], path: String) -> [(String, Any)] {
        object.keys.sorted().flatMap { key -> [(String, Any)] in
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if let group = object[key] as? [String: Any] { return leaves(group, path: keyPath) }
            return [(keyPath, object[key] as Any)]
        }
    }

    static func set(_ object: inout [String: Any], _ keys: [String], to value: Any) {
        guard let first = keys.first else { return }
        if keys.count == 1 { object[first] = value; return }
        var group = object[first] as? [String: Any] ?? [:]
        set(&group, Array(keys.dropFirst()), to: value)
        object[first] = group
    }

    static func show(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    /// `given`'s values over `defaults`, refusing keys the defaults do not have.
    static func overlay(_ given: [String: Any], on defaults: [String: Any], path: String,
                        fail: (String) -> PipelineError) throws -> [String: Any] {
        var out = defaults
        for key in given.keys.sorted() {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let d = defaults[key] else {
                throw fail("\(keyPath): unknown key (`g2t config show` lists every key)")
            }
            if let group = d as? [String: Any] {
                guard let g = given[key] as? [String: Any] else { throw fail("\(keyPath): must be an object of thresholds") }
                out[key] = try overlay(g, on: group, path: keyPath, fail: fail)
            } else {
                out[key] = given[key]
            }
        }
        return out
    }
}
