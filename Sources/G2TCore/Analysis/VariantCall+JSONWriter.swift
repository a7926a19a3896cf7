/// `VariantCall`'s JSON written by hand: the same bytes as its `encode(to:)` through
/// `SortedJSONEncoder` (Foundation's, keys sorted), without the `Codable` machinery per key. A dense
/// VCF's 200,000 variants are ~200 MB of JSON, and the generic path (an encoder, a container and a
/// dynamic cast per key) was about half of `g2t call`'s CPU (issue 13).
///
/// Keys are written in their UTF-8 order (the order `.sortedKeys` gives); null or absent exactly as
/// `encode(to:)` says (`encode` writes null, `encodeIfPresent` omits). Strings, numbers and the layout
/// (pretty, indent, escaped slashes) go through `SortedJSONEncoder.Writer`, so formatting and escaping
/// are shared. `VariantCallJSONWriterTests` compares the bytes with the `Codable` path and fails when a
/// stored property is added without being written here (`storedPropertyCount`).
extension VariantCall {
    /// The stored properties this writer knows (`Mirror` counts `annotationBox` and `originBox` as one each).
    static let storedPropertyCount = 19

    /// Writes this call as one JSON object at the writer's current indent. Throws
    /// `SortedJSONEncoder.Unsupported` for a non-finite number, as the generic path does.
    func writeJSON(_ w: inout SortedJSONEncoder.Writer) throws {
        let a = annotation
        let o = originCall
        w.bytes.append(UInt8(ascii: "{"))
        if w.pretty { w.indent += 1 }
        // "alt" sorts first and is always written: every later key takes a comma.
        w.key("alt", first: true); w.string(alt)
        w.key("altDepth"); w.int(altDepth)
        w.key("altForward"); w.int(altForward)
        w.key("altReverse"); w.int(altReverse)
        if let ccf = o?.ccf {
            w.key("ccf")
            w.bytes.append(UInt8(ascii: "{"))
            if w.pretty { w.indent += 1 }
            w.key("high", first: true); try w.double(ccf.high)
            w.key("low"); try w.double(ccf.low)
            w.key("value"); try w.double(ccf.value)
            w.endObject()
        }
        w.key("chrom"); w.string(chrom)
        w.key("consequence"); if let c = a?.consequence { w.string(c.text) } else { w.null() }
        if let damagePosterior { w.key("damagePosterior"); try w.double(damagePosterior) }
        w.key("depth"); w.int(depth)
        w.key("exon"); w.int(a?.exon)
        w.key("filter"); if case .pass = filter { w.string("PASS") } else { w.string(filter.text) }
        w.key("gene"); w.string(gene)
        w.key("hgvsc"); w.string(a?.hgvsc)
        w.key("hgvsp"); w.string(a?.hgvsp)
        w.key("hgvspShort"); w.string(a?.hgvspShort)
        w.key("hotspot"); w.string(hotspot)
        w.key("intron"); w.int(a?.intron)
        w.key("lod"); try w.double(lod)
        // The origin group's keys, each absent without a value, as `encode(to:)` writes them.
        if let o { w.key("origin"); w.string(o.origin.rawValue) }
        if let originEvidence = o?.evidence, !originEvidence.isEmpty {
            w.key("originEvidence")
            w.bytes.append(UInt8(ascii: "["))
            if w.pretty { w.indent += 1 }
            for (i, e) in originEvidence.enumerated() {
                if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
                if w.pretty { w.newlineIndent() }
                w.bytes.append(UInt8(ascii: "{"))
                if w.pretty { w.indent += 1 }
                w.key("detail", first: true); w.string(e.detail)
                w.key("favours"); w.string(e.favours.rawValue)
                w.key("source"); w.string(e.source.rawValue)
                w.endObject()
            }
            // As `Writer.array`: an empty list is "[", a line break, then the closing line.
            if w.pretty {
                if originEvidence.isEmpty { w.bytes.append(10) }
                w.indent -= 1
                w.newlineIndent()
            }
            w.bytes.append(UInt8(ascii: "]"))
        }
        if let population = o?.population {
            // Synthesised `Codable`: its optionals are omitted when nil; "source" is always there.
            w.key("population")
            w.bytes.append(UInt8(ascii: "{"))
            if w.pretty { w.indent += 1 }
            var first = true
            if let af = population.af { w.key("af", first: first); first = false; try w.double(af) }
            w.key("afPopmax", first: first); try w.double(population.afPopmax)
            if let p = population.popmaxPopulation { w.key("popmaxPopulation"); w.string(p) }
            if let r = population.rsid { w.key("rsid"); w.string(r) }
            w.key("source"); w.string(population.source)
            w.endObject()
        }
        w.key("pos"); w.int(pos)
        if o?.possiblyGermline == true { w.key("possiblyGermline"); w.raw("true") }
        if let readAltDepth { w.key("readAltDepth"); w.int(readAltDepth) }
        if let readDepth { w.key("readDepth"); w.int(readDepth) }
        w.key("ref"); w.string(ref)
        w.key("tier"); w.string(tier?.rawValue)
        w.key("transcript"); w.string(a?.transcript)
        w.key("vaf"); try w.double(vaf)
        if let zygosity = o?.zygosity { w.key("zygosity"); w.string(zygosity.rawValue) }
        w.endObject()
    }
}

extension SortedJSONEncoder.Writer {
    /// The separator (unless first), line break and indent, then `"key" : ` (pretty) or `"key":`.
    /// Keys are g2t's own ASCII names without characters to escape.
    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        if pretty { newlineIndent() }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        if pretty { raw(" : ") } else { bytes.append(UInt8(ascii: ":")) }
    }

    /// Closes an object opened with at least one member (as `Writer.object`).
    mutating func endObject() {
        if pretty {
            indent -= 1
            newlineIndent()
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func null() { raw("null") }

    mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// Decimal digits, as `Int.description` writes them.
    mutating func int(_ i: Int) {
        guard i != Int.min else { return bytes.append(contentsOf: i.description.utf8) }
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }

    mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    /// As `SortedJSONEncoder.number`: Swift's shortest form without a trailing ".0"; non-finite
    /// numbers are left to Foundation (its error).
    mutating func double(_ d: Double) throws {
        guard d.isFinite else { throw SortedJSONEncoder.Unsupported() }
        var s = d.description
        // Its ASCII bytes compared and copied at once (`hasSuffix`, a comparison of characters, and
        // the generic copy of a UTF-8 view were most of the time writing a weight took).
        s.withUTF8 { u in
            let n = u.count >= 2 && u[u.count - 2] == UInt8(ascii: ".") && u[u.count - 1] == UInt8(ascii: "0") ? u.count - 2 : u.count
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[..<n]))
        }
    }

    mutating func double(_ d: Double?) throws {
        if let d { try double(d) } else { null() }
    }
}
