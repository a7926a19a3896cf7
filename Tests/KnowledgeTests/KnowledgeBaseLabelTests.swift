import Foundation
@testable import Knowledge
import Testing

/// The `--version` text's "name version" of the bundled knowledge base, scanned from its bytes,
/// against the full decode's; and the scan on other layouts (against Foundation's JSON reading).
@Suite struct KnowledgeBaseLabelTests {
    @Test func bundledScanEqualsTheFullDecode() throws {
        let bytes = Array((EmbeddedData.files["g2t-kb.json"] ?? "").utf8)
        let scanned = try #require(KnowledgeBaseLabel.scan(bytes), "the scan must find them, or --version decodes the whole file")
        let k = try KnowledgeBaseLoader.bundled()
        #expect(scanned.name == k.kb.name && scanned.version == k.kb.version)
        #expect(KnowledgeBaseLabel.bundled() == KnowledgeBaseLabel.decoded())
        #expect(KnowledgeBaseLabel.bundled() == "\(k.kb.name) \(k.kb.version)")
    }

    /// Keys in any order, after nested values holding the same key names, strings with escaped quotes
    /// and brackets, numbers and literals: the top-level values, as Foundation reads them.
    @Test(arguments: [
        #"{"version": "1.2", "name": "lab-kb"}"#,
        #"{"drugs": [{"name": "x", "version": "9"}], "note": "a \"name\": [}", "n": -1.5e3, "t": true, "z": null, "name": "k", "version": "v 2"}"#,
        "{\n\t\"levelWeights\" : {\"name\": {\"version\": [1, [2, {}]]}} ,\r\n \"name\":\"ü-kb\" , \"version\" :\"2027.3\" }",
        #"{"name": "first", "version": "1", "name": "second"}"#,
    ])
    func scanReadsTopLevelValues(json: String) throws {
        let got = try #require(KnowledgeBaseLabel.scan(Array(json.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(got.version == object["version"] as? String)
        if json.contains("second") {
            #expect(got.name == "first")  // the scan stops at the first of each (the bundled file has no duplicates)
        } else {
            #expect(got.name == object["name"] as? String)
        }
    }

    /// What the scan leaves to the full decode: a missing key, a non-string value, an escape in a value,
    /// not an object, cut short.
    @Test(arguments: [
        #"{"name": "k"}"#, #"{"name": "k", "version": 3}"#, #"{"name": "k\u00fc", "version": "1"}"#, #"["name", "version"]"#,
        #"{"description": "x", "name": "k", "vers"#, "", #"{"name" "k", "version": "1"}"#,
    ])
    func scanDeclines(json: String) {
        #expect(KnowledgeBaseLabel.scan(Array(json.utf8)) == nil)
    }
}
