import CHTSlib

/// What a CIGAR operation does, as the walkers need it.
enum CigarOp: Sendable, Equatable {
    /// M, = or X: consumes reference and read bases.
    case match
    /// I: read bases only.
    case insertion
    /// D: reference only.
    case deletion
    /// N: reference only, a spliced gap.
    case skip
    /// S: read bases only, not aligned.
    case softClip
    /// H, P, B or an unknown code: consumes nothing the walkers use.
    case other

    @inline(__always)  // per CIGAR step of every read: was a call
    init(code: Int32) {
        switch code {
        case BAM_CMATCH, BAM_CEQUAL, BAM_CDIFF: self = .match
        case BAM_CINS: self = .insertion
        case BAM_CDEL: self = .deletion
        case BAM_CREF_SKIP: self = .skip
        case BAM_CSOFT_CLIP: self = .softClip
        default: self = .other
        }
    }
}

/// One CIGAR operation with where it begins on the reference (0-based) and in the read's bases.
struct CigarStep: Sendable {
    var op: CigarOp
    var length: Int
    var refStart: Int
    var queryStart: Int
}

/// The one CIGAR walker every read walker uses (counting, phasing): it refuses a read whose
/// stored bases cannot back its CIGAR, so no walker indexes bases or qualities out of bounds.
///
/// A read is walkable only when it stores bases (`l_qseq` > 0; SEQ `*` is legal SAM and stores
/// none) and its CIGAR consumes exactly `l_qseq` of them (htslib checks this when it parses SAM
/// but not every producer does). Unwalkable reads contribute nothing to any count; the counter
/// tallies them in `RegionCounts.readsWithoutBases` so they are excluded, not silently lost.
struct CigarWalk: Sequence, IteratorProtocol {
    private let cigar: UnsafeMutablePointer<UInt32>
    private let opCount: Int
    /// The read's packed bases (two 4-bit codes a byte, `(readLength + 1) / 2` bytes) and its
    /// `readLength` qualities: for walkers that check a whole step's range once (`MatchTally`).
    let seq: UnsafeMutablePointer<UInt8>
    let qual: UnsafeMutablePointer<UInt8>
    /// Stored read bases (`l_qseq`); every query index a step yields lies below it.
    let readLength: Int
    private var index = 0
    private var refPos: Int
    private var qPos = 0

    /// `queryLength`: the CIGAR's query length (`bam_cigar2qlen`) when the caller has it (`CigarLengths`).
    @inline(__always)  // once per read: inlined, the walk's fields stay in registers (no copy through memory)
    init?(_ b: UnsafeMutablePointer<bam1_t>, queryLength: Int? = nil) {
        let core = b.pointee.core
        let n = Int(core.n_cigar), length = Int(core.l_qseq)
        guard n > 0, length > 0, core.pos >= 0 else { return nil }
        let cigar = g2t_bam_get_cigar(b)
        guard (queryLength ?? Int(bam_cigar2qlen(Int32(n), cigar))) == length else { return nil }
        self.cigar = cigar
        self.opCount = n
        self.seq = g2t_bam_get_seq(b)
        self.qual = g2t_bam_get_qual(b)
        self.readLength = length
        self.refPos = Int(core.pos)
    }

    mutating func next() -> CigarStep? {
        guard index < opCount else { return nil }
        let step = CigarStep(op: CigarOp(code: Int32(g2t_bam_cigar_op(cigar[index]))),
                             length: Int(g2t_bam_cigar_oplen(cigar[index])), refStart: refPos, queryStart: qPos)
        index += 1
        switch step.op {
        case .match: refPos += step.length; qPos += step.length
        case .insertion, .softClip: qPos += step.length
        case .deletion, .skip: refPos += step.length
        case .other: break
        }
        return step
    }

    /// The operation after the one `next()` returned last, without advancing.
    func peek() -> (op: CigarOp, length: Int)? {
        guard index < opCount else { return nil }
        return (CigarOp(code: Int32(g2t_bam_cigar_op(cigar[index]))), Int(g2t_bam_cigar_oplen(cigar[index])))
    }

    /// htslib's 4-bit code of read base `q` (15, N, outside the read).
    @inline(__always)
    func baseCode(_ q: Int) -> Int {
        guard q >= 0 && q < readLength else { return 15 }
        return Int(g2t_bam_seqi(seq, Int32(q)))
    }

    /// `baseCode` of a base a `.match` or `.insertion` step covers, without the range check: such
    /// an index lies inside the read (`init` checked that the CIGAR consumes exactly `l_qseq`).
    @inline(__always)
    func baseCode(inStep q: Int) -> Int { Int(g2t_bam_seqi(seq, Int32(q))) }

    /// `quality` of a base a `.match` or `.insertion` step covers, without the range check (see `baseCode(inStep:)`).
    @inline(__always)
    func quality(inStep q: Int) -> UInt8 { qual[q] }

    /// Phred quality of read base `q` (0 outside the read; 255 when QUAL is `*`).
    @inline(__always)
    func quality(_ q: Int) -> UInt8 {
        guard q >= 0 && q < readLength else { return 0 }
        return qual[q]
    }
}

/// A record's end on the reference (`bam_endpos`) and its CIGAR's query length (`bam_cigar2qlen`) from
/// one walk of its CIGAR: the counting pass needs both of every record, and htslib walks the CIGAR once
/// for each (`CigarLengthsTests` pins them to htslib's).
struct CigarLengths {
    let end: Int
    let queryLength: Int

    @inline(__always)
    init(_ b: UnsafeMutablePointer<bam1_t>) {
        let core = b.pointee.core
        let cigar = g2t_bam_get_cigar(b)
        var reference = 0, query = 0
        for k in 0..<Int(core.n_cigar) {
            let c = cigar[k]
            // htslib's BAM_CIGAR_TYPE: bit 0 consumes the query, bit 1 the reference (codes past 8 neither).
            let type = (0x3C1A7 as UInt32) &>> ((c & 0xF) &<< 1) & 3
            let length = Int(c &>> 4)
            if type & 1 != 0 { query &+= length }
            if type & 2 != 0 { reference &+= length }
        }
        // bam_endpos: an unmapped record, or one consuming no reference, ends one past its start.
        if core.flag & UInt16(BAM_FUNMAP) != 0 || reference == 0 { reference = 1 }
        end = Int(core.pos) &+ reference
        queryLength = query
    }
}
