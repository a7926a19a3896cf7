@testable import G2TCore
import Testing

/// `make test-fuzz` found that Foundation traps (SIGILL) on an unterminated run of 513 brackets;
/// `JSONCoding.decode` must refuse it with an error instead, and still decode 512 levels.
@Suite struct DeepNestingTests {
    @Test func thirteenOverTheLimitIsAnErrorNotATrap() throws {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 513)
        #expect(throws: DecodingError.self) { _ = try JSONCoding.decode([Int].self, from: deep) }
        #expect(JSONCoding.nestingLimitOffset(deep) == 512)
        let quoted = Array("[\"".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 600) + Array("\"]".utf8)
        #expect(JSONCoding.nestingLimitOffset(quoted) == nil)
        let ok = [UInt8](repeating: UInt8(ascii: "["), count: 512) + [UInt8](repeating: UInt8(ascii: "]"), count: 512)
        #expect(JSONCoding.nestingLimitOffset(ok) == nil)
    }
}
