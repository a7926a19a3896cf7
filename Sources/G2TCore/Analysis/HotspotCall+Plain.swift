extension HotspotCall {
    /// The hotspot calls in `bytes[range]` read without `Codable` (`PlainJSON`): a panel's ~60 calls
    /// through the tree decoder were a third of a colorectal sample's cost in `g2t rescore` (the only
    /// tumour type whose scoring reads them). nil when anything is not in the plain form g2t writes —
    /// a missing or unknown-typed member, an escape, an integer written otherwise — and the caller
    /// decodes with `Codable`, whose value or error is the answer. Members it does not know are
    /// skipped, as `Codable` skips them.
    package static func plainList(_ bytes: [UInt8], in range: Range<Int>) -> [HotspotCall]? {
        bytes.withUnsafeBufferPointer { b -> [HotspotCall]? in
            guard let items = PlainJSON.elements(b, range) else { return nil }
            var out: [HotspotCall] = []
            out.reserveCapacity(items.count)
            for r in items {
                guard let h = plain(b, r) else { return nil }
                out.append(h)
            }
            return out
        }
    }

    /// One call from the object in `b[r]`, or nil (see `plainList`).
    static func plain(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> HotspotCall? {
        var name: String?, gene: String?, chrom: String?, ref: String?, alt: String?, hgvsc: String?, hgvsp: String?
        var pos: Int?, depth: Int?, altDepth: Int?, vaf: Double?, status: Status?
        // Optional members: absent or null is nil, as `decodeIfPresent`.
        var lod: Double?, readDepth: Int?, duplexAltDepth: Int?, duplexDepth: Int?, duplexMinAlt: Int?, familyClassP: Double?
        func optionalInt(_ v: Range<Int>, _ into: inout Int?) -> Bool {
            if PlainJSON.isNull(b, v) { return true }
            into = PlainJSON.int(b, v)
            return into != nil
        }
        let ok = PlainJSON.members(b, r) { key, v in
            // Keys in the order g2t writes them (sorted); each read once (keys strictly increase).
            if PlainJSON.isKey(key, "alt") { alt = PlainJSON.string(b, v); return alt != nil }
            if PlainJSON.isKey(key, "altDepth") { altDepth = PlainJSON.int(b, v); return altDepth != nil }
            if PlainJSON.isKey(key, "chrom") { chrom = PlainJSON.string(b, v); return chrom != nil }
            if PlainJSON.isKey(key, "depth") { depth = PlainJSON.int(b, v); return depth != nil }
            if PlainJSON.isKey(key, "duplexAltDepth") { return optionalInt(v, &duplexAltDepth) }
            if PlainJSON.isKey(key, "duplexDepth") { return optionalInt(v, &duplexDepth) }
            if PlainJSON.isKey(key, "duplexMinAlt") { return optionalInt(v, &duplexMinAlt) }
            if PlainJSON.isKey(key, "familyClassP") {
                if PlainJSON.isNull(b, v) { return true }
                familyClassP = PlainJSON.double(b, v)
                return familyClassP != nil
            }
            // A list of tiers is not plain: `Codable` reads the call (UMI mode only).
            if PlainJSON.isKey(key, "calledBy") { return PlainJSON.isNull(b, v) }
            if PlainJSON.isKey(key, "gene") { gene = PlainJSON.string(b, v); return gene != nil }
            if PlainJSON.isKey(key, "hgvsc") { hgvsc = PlainJSON.string(b, v); return hgvsc != nil }
            if PlainJSON.isKey(key, "hgvsp") { hgvsp = PlainJSON.string(b, v); return hgvsp != nil }
            if PlainJSON.isKey(key, "lod") {
                if PlainJSON.isNull(b, v) { return true }
                lod = PlainJSON.double(b, v)
                return lod != nil
            }
            if PlainJSON.isKey(key, "name") { name = PlainJSON.string(b, v); return name != nil }
            if PlainJSON.isKey(key, "pos") { pos = PlainJSON.int(b, v); return pos != nil }
            if PlainJSON.isKey(key, "readDepth") { return optionalInt(v, &readDepth) }
            if PlainJSON.isKey(key, "ref") { ref = PlainJSON.string(b, v); return ref != nil }
            if PlainJSON.isKey(key, "status") {
                status = PlainJSON.string(b, v).flatMap(Status.init(rawValue:))
                return status != nil
            }
            if PlainJSON.isKey(key, "vaf") { vaf = PlainJSON.double(b, v); return vaf != nil }
            return true
        }
        guard ok, let name, let gene, let chrom, let pos, let ref, let alt, let hgvsc, let hgvsp, let status, let depth,
              let altDepth, let vaf else { return nil }
        return HotspotCall(name: name, gene: gene, chrom: chrom, pos: pos, ref: ref, alt: alt, hgvsc: hgvsc, hgvsp: hgvsp,
                           status: status, depth: depth, altDepth: altDepth, vaf: vaf, lod: lod, readDepth: readDepth,
                           duplexAltDepth: duplexAltDepth, duplexDepth: duplexDepth, duplexMinAlt: duplexMinAlt, familyClassP: familyClassP)
    }

    /// Every member, as the synthesized memberwise initialiser would take them (that one is internal to
    /// the type's file, and `init(hotspot:...)` computes some of them).
    init(name: String, gene: String, chrom: String, pos: Int, ref: String, alt: String, hgvsc: String, hgvsp: String,
         status: Status, depth: Int, altDepth: Int, vaf: Double, lod: Double?, readDepth: Int?, duplexAltDepth: Int?,
         duplexDepth: Int?, duplexMinAlt: Int?, familyClassP: Double? = nil, calledBy: [HotspotTier]? = nil) {
        self.name = name
        self.gene = gene
        self.chrom = chrom
        self.pos = pos
        self.ref = ref
        self.alt = alt
        self.hgvsc = hgvsc
        self.hgvsp = hgvsp
        self.status = status
        self.depth = depth
        self.altDepth = altDepth
        self.vaf = vaf
        self.lod = lod
        self.readDepth = readDepth
        self.duplexAltDepth = duplexAltDepth
        self.duplexDepth = duplexDepth
        self.duplexMinAlt = duplexMinAlt
        self.familyClassP = familyClassP
        self.calledBy = calledBy
    }
}
