import G2TCore
import HTS

/// Writes an analysis's variants as a bgzipped, tabix-indexed VCF 4.3 through htslib.
enum VCFExport {
    /// `lengths` gives each contig's length on the analysis's build.
    static func write(_ a: Analysis, to path: String, lengths: ChromosomeLengths) throws {
        // Every chromosome a record or hotspot is on, in the input's naming, sorted as the records are.
        // Inserted one by one: an array of every variant's name and a set sized for it were ~15 MB
        // beside the other report files' writers at 200,000 variants (issue 13).
        var chroms: Set<String> = [a.reference.chrom]
        for v in a.variants { chroms.insert(v.chrom) }
        for h in a.hotspots { chroms.insert(h.chrom) }
        let names = chroms.sorted {
            ChromosomeLengths.panelName($0) < ChromosomeLengths.panelName($1)
        }
        // Filters from the input VCF, the same way.
        var inputFilters: Set<String> = []
        for v in a.variants { for f in v.filter.failedFilters { inputFilters.insert(f.name) } }
        let spec = VCFHeaderSpec(
            contigs: names.map { AlignmentHeader.Reference(name: $0, length: lengths.length(ChromosomeLengths.panelName($0), on: a.reference.build) ?? 0) },
            infos: [
                .init(id: "GENE", number: "1", type: "String", description: "Panel gene"),
                .init(id: "HOTSPOT", number: "1", type: "String", description: "Panel hotspot name"),
                .init(id: "HGVSC", number: "1", type: "String", description: "HGVS c. on the MANE Select transcript"),
                .init(id: "HGVSP", number: "1", type: "String", description: "HGVS p. on the MANE Select transcript"),
                .init(id: "CSQ_SO", number: "1", type: "String", description: "Sequence Ontology consequence terms joined by &"),
                .init(id: "SB", number: "2", type: "Integer", description: "Alternate-allele fragments on the forward and reverse strand"),
                .init(id: "TLOD", number: "1", type: "Float", description: "log10 likelihood ratio of the allele against base-call error"),
                .init(id: "ORIGIN", number: "1", type: "String", description: "somatic, likely-somatic, germline, likely-germline or unknown (docs/germline.md)"),
                .init(id: "CCF", number: "3", type: "Float", description: "Cancer-cell fraction and its 95% interval (somatic variants)"),
                .init(id: "POPAF", number: "1", type: "Float", description: "Highest population allele frequency in the germline resource"),
                .init(id: "DMG", number: "1", type: "Float", description: "Posterior probability that the SNV is sample-preparation damage (FFPE deamination or oxidation; read-orientation model); the damage filter fails above parameters.damage.maxPosterior"),
            ] + (a.qc.umi == nil ? [] : [
                .init(id: "HTIER", number: ".", type: "String", description: "UMI mode, detected panel hotspots: the rules that called it (\(HotspotTier.allCases.map(\.rawValue).joined(separator: ", ")); docs/umi.md)"),
            ]),
            formats: [
                .init(id: "GT", number: "1", type: "String", description: "Genotype: 1/1 for a homozygous germline variant, else 0/1 (for somatic variants: the allele is present)"),
                .init(id: "AD", number: "R", type: "Integer", description: "Fragments supporting the reference and the alternate allele"),
                .init(id: "DP", number: "1", type: "Integer", description: "Fragments covering the site"),
                .init(id: "AF", number: "A", type: "Float", description: "Alternate allele fraction"),
                .init(id: "PS", number: "1", type: "Integer", description: "Phase set: the position of the first variant of a phased pair (read-backed)"),
            ] + (a.qc.umi == nil ? [] : [
                // UMI mode: AD, DP and AF count consensus molecules; the raw reads go here.
                .init(id: "RAD", number: "R", type: "Integer", description: "UMI mode: raw reads (duplicates included) supporting the reference and the alternate allele; AD counts consensus molecules"),
                .init(id: "RDP", number: "1", type: "Integer", description: "UMI mode: raw reads covering the site; DP counts consensus molecules"),
                .init(id: "DXA", number: "1", type: "Integer", description: "UMI mode, panel hotspot SNVs: duplex alternate molecules (both strands' consensus show the allele), what the duplex hotspot tier tests"),
            ]),
            // Filters come from g2t or, for VCF input, from the caller: declare each one used.
            filters: CallFilter.allCases.map { VCFHeaderSpec.Filter(id: $0.rawValue, description: $0.description) }
                + inputFilters
                    .subtracting(["PASS"] + CallFilter.allCases.map(\.rawValue)).sorted()
                    .map { VCFHeaderSpec.Filter(id: $0, description: "Filter from the input VCF") },
            samples: [a.sample.id],
            meta: ["source=g2t \(a.software.version)", "reference=\(a.reference.build.rawValue)",
                   "g2tCommand=call with min alt fragments \(a.parameters.minAltFragments), min VAF \(a.parameters.minVAF)"])
        let w = try VCFWriter(path: path, header: spec, mode: "wz", indexWhileWriting: .tbi)
        // Read-backed phase: cis pairs get 0|1 and 0|1, trans pairs 0|1 and 1|0, in a phase set
        // named after the first variant's position.
        var phase: [VariantKey: (gt: [Int?], ps: Int32)] = [:]
        for p in a.phases where p.relation != .unknown && p.keys.count == 2 {
            guard phase[p.keys[0]] == nil, phase[p.keys[1]] == nil, let first = Int32(exactly: p.keys[0].pos) else { continue }
            phase[p.keys[0]] = ([0, 1], first)
            phase[p.keys[1]] = (p.relation == .cis ? [0, 1] : [1, 0], first)
        }
        // UMI mode: the duplex tier's alternate molecules per hotspot SNV (FORMAT DXA).
        var duplexAlt: [String: Int] = [:]
        for h in a.hotspots { if let d = h.duplexAltDepth { duplexAlt["\(h.chrom):\(h.pos):\(h.ref):\(h.alt)"] = d } }
        // UMI mode: the rules that called each detected hotspot (INFO HTIER).
        var calledBy: [String: [HotspotTier]] = [:]
        for h in a.hotspots { if let t = h.calledBy, !t.isEmpty { calledBy["\(h.chrom):\(h.pos):\(h.ref):\(h.alt)"] = t } }
        for v in a.variants {
            // VCF Integers are 32-bit (htslib stores int32): a count beyond that is refused, not wrapped.
            func int32(_ n: Int, _ what: String) throws -> Int32 {
                guard let x = Int32(exactly: n), x >= 0 else {
                    // Named after the input the count came from: the VCF being written is a temporary file.
                    throw PipelineError.badInput(path: a.inputs.first?.path ?? a.sample.id,
                                                 detail: "\(what) \(n) of \(v.chrom):\(v.pos) \(v.ref.prefix(20))>\(v.alt.prefix(20)) cannot go into the report VCF (VCF integers run from 0 to \(Int32.max) here)")
                }
                return x
            }
            var info: [(key: String, value: VCFValue)] = []
            info.reserveCapacity(11)
            // Looked up once, and not at all without phased pairs (a dense VCF's 200,000 variants have none).
            let phased = phase.isEmpty ? nil : phase[v.key]
            if let g = v.gene { info.append(("GENE", .string(g))) }
            if let h = v.hotspot { info.append(("HOTSPOT", .string(h.replacingSpaces()))) }
            if let c = v.annotation?.hgvsc { info.append(("HGVSC", .string(c))) }
            if let p = v.annotation?.hgvsp { info.append(("HGVSP", .string(p))) }
            if let s = v.annotation?.consequence { info.append(("CSQ_SO", .string(s.text))) }
            // The depth first: it bounds the others, so the error names the number that is too large.
            let depth = try int32(v.depth, "depth"), alt = try int32(v.altDepth, "alt count")
            info.append(("SB", .integers([try int32(v.altForward, "forward alt count"), try int32(v.altReverse, "reverse alt count")])))
            if let lod = v.lod { info.append(("TLOD", .floats([Float(lod)]))) }
            let origin = v.originCall
            if let o = origin?.origin { info.append(("ORIGIN", .string(o.rawValue))) }
            if let c = origin?.ccf { info.append(("CCF", .floats([Float(c.value), Float(c.low), Float(c.high)]))) }
            if let p = origin?.population { info.append(("POPAF", .floats([Float(p.afPopmax)]))) }
            if let d = v.damagePosterior { info.append(("DMG", .floats([Float(d)]))) }
            if !calledBy.isEmpty, let t = calledBy["\(v.chrom):\(v.pos):\(v.ref):\(v.alt)"] { info.append(("HTIER", .string(t.map(\.rawValue).joined(separator: ",")))) }
            // A homozygous germline ALT is 1/1 (not 0/1 with AF 1); phase sets apply to the rest.
            let homozygous = (origin?.origin.isGermline ?? false) && origin?.zygosity == .homozygous
            try w.write(VCFRecord(chrom: v.chrom, position: v.pos, ref: v.ref, alts: [v.alt],
                                  filters: v.filter.names,
                                  info: info, genotypes: [homozygous ? [1, 1] : phased?.gt ?? [0, 1]], phased: [!homozygous && phased != nil],
                                  format: [("AD", .integers([max(0, depth - alt), alt])),
                                           ("DP", .integers([depth])), ("AF", .floats(v.vaf.map { [Float($0)] } ?? [])),
                                           ("PS", .integers(homozygous ? [] : phased.map { [$0.ps] } ?? []))]
                                      + rawReadFields(v, int32)
                                      + (duplexAlt.isEmpty ? [] : duplexAlt["\(v.chrom):\(v.pos):\(v.ref):\(v.alt)"].map { [("DXA", VCFValue.integers([try int32($0, "duplex alt count")]))] } ?? [])))
        }
        try w.close(index: .tbi)
    }
}

/// UMI mode's raw read counts (FORMAT RAD, RDP); none for a variant called from reads.
private func rawReadFields(_ v: VariantCall, _ int32: (Int, String) throws -> Int32) throws -> [(key: String, value: VCFValue)] {
    guard let depth = v.readDepth, let alt = v.readAltDepth else { return [] }
    return [("RAD", .integers([try int32(max(0, depth - alt), "raw reference count"), try int32(alt, "raw alt count")])),
            ("RDP", .integers([try int32(depth, "raw depth")]))]
}

private extension String {
    /// VCF INFO strings may not hold spaces in older readers.
    func replacingSpaces() -> String { String(map { $0 == " " ? "_" : $0 }) }
}
