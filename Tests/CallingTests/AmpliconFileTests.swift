import Calling
import G2TCore
import HTS
import Testing
import TestSupport

@Suite struct AmpliconFileTests {
    @Test func parsesPrimerColumnsAndBothNamings() throws {
        let s = try AmpliconFile.parse(["# header", "track name=x", "chr7\t99\t270\tA1\t20\t21", "7\t200\t370\tA2\t22\t19", ""], path: "a.bed")
        #expect(s.hasPrimers && s.amplicons.count == 2)
        #expect(s.amplicons[0].interval == GenomicInterval(chrom: "chr7", start: 100, end: 270))
        #expect(s.amplicons[0].insert == GenomicInterval(chrom: "chr7", start: 120, end: 249))
        #expect(s.amplicons[1].interval.chrom == "chr7")
    }

    @Test func refusesWhatIsNotAnAmpliconFile() throws {
        #expect(throws: AmpliconError.malformedLine(path: "b.bed", line: 1, detail:
            "columns 5 and 6 must be primer lengths in bases (whole numbers ≥ 0), not '0' and '+'; a standard BED6 score/strand is not a primer length")) {
            try AmpliconFile.parse(["chr7\t99\t270\tA1\t0\t+"], path: "b.bed")
        }
        #expect(throws: AmpliconError.mixedPrimerColumns(path: "b.bed", line: 2)) {
            try AmpliconFile.parse(["chr7\t99\t270\tA1\t20\t20", "chr7\t300\t470\tA2"], path: "b.bed")
        }
        #expect(throws: AmpliconError.empty(path: "b.bed")) { try AmpliconFile.parse(["# nothing"], path: "b.bed") }
        #expect(throws: (any Error).self) { try AmpliconFile.parse(["chr7\t99\t110\tA1\t6\t6"], path: "b.bed") }
        #expect(throws: (any Error).self) { try AmpliconFile.parse(["chr7\t270\t99"], path: "b.bed") }
    }

    /// A primer BED (ARTIC/ampliseq: one line per primer) gives the amplicons between the outermost
    /// primers and the inserts between the innermost, alternative primers included.
    @Test func readsAPrimerBED() throws {
        let s = try AmpliconFile.parse(["# scheme", "chr7\t99\t119\tegfr_1_LEFT\t1\t+", "chr7\t95\t117\tegfr_1_LEFT_alt1\t1\t+",
                                        "chr7\t249\t270\tegfr_1_RIGHT\t1\t-", "7\t200\t222\tegfr_2_LEFT\tpool_2\t+", "7\t351\t370\tegfr_2_RIGHT\tpool_2\t-"],
                                       path: "p.bed")
        #expect(s.hasPrimers && s.amplicons.map(\.name) == ["egfr_1", "egfr_2"])
        #expect(s.amplicons[0].interval == GenomicInterval(chrom: "chr7", start: 96, end: 270))
        #expect(s.amplicons[0].insert == GenomicInterval(chrom: "chr7", start: 120, end: 249))
        #expect(s.amplicons[1].interval == GenomicInterval(chrom: "chr7", start: 201, end: 370))
        #expect(s.amplicons[1].insert == GenomicInterval(chrom: "chr7", start: 223, end: 351))
        // The committed design and its primer-BED form are the same amplicons.
        let design = try AmpliconFile.read(path: TestSupport.testData("samples/amplicon/egfr-exons18-21.amplicons.bed"))
        let primers = try AmpliconFile.read(path: TestSupport.testData("samples/amplicon/egfr-exons18-21.primers.bed"))
        #expect(design.amplicons.count == 9 && design.amplicons == primers.amplicons)
    }

    @Test func refusesABadPrimerBED() throws {
        func error(_ lines: [String]) -> String {
            do { _ = try AmpliconFile.parse(lines, path: "p.bed"); return "accepted" } catch { return "\(error)" }
        }
        #expect(error(["chr7\t99\t119\ta_1_LEFT\t1\t+"]) == "p.bed: line 1: amplicon a_1 has no _RIGHT primer (nor _R, _REV): each amplicon needs both")
        #expect(error(["chr7\t99\t119\ta_1_LEFT\t1\t+", "chr7\t249\t270\ta_1_RIGHT\t1\t+"])
            == "p.bed: line 2: a_1_RIGHT is a RIGHT primer on the + strand (LEFT primers are +, RIGHT primers -)")
        #expect(error(["chr7\t99\t119\ta_1_LEFT\t1\t+", "chr7\t249\t270\ta_1\t1\t-"])
            == "p.bed: line 2: 'a_1' is not a primer name ending in _LEFT/_RIGHT, _F/_R or _FWD/_REV (the file's other lines are primers, one per line)")
        #expect(error(["chr7\t99\t119\ta_1_LEFT\t1\t+", "chr7\t110\t130\ta_1_RIGHT\t1\t-"]).contains("no insert between them"))
        #expect(error(["chr7\t99\t119\ta_1_LEFT\t1\t+", "chr12\t249\t270\ta_1_RIGHT\t1\t-"]).contains("line 2: primer a_1_RIGHT is on chr12"))
        #expect(error(["chr7\t99\tx\ta_1_LEFT\t1\t+"]).hasPrefix("p.bed: line 1: start and end must be whole numbers"))
    }

    /// Primer names `_F`/`_R` and `_FWD`/`_REV` (any case, alternatives too) are read as `_LEFT`/`_RIGHT`.
    @Test func readsForwardReversePrimerNames() throws {
        let lr = try AmpliconFile.parse(["chr7\t99\t119\tegfr_1_LEFT\t1\t+", "chr7\t249\t270\tegfr_1_RIGHT\t1\t-"], path: "p.bed")
        for (l, r) in [("F", "R"), ("FWD", "REV"), ("fwd", "rev"), ("f", "r")] {
            let s = try AmpliconFile.parse(["chr7\t99\t119\tegfr_1_\(l)\t1\t+", "chr7\t95\t117\tegfr_1_\(l)_alt1\t1\t+",
                                            "chr7\t249\t270\tegfr_1_\(r)\t1\t-"], path: "p.bed")
            #expect(s.hasPrimers && s.amplicons.map(\.name) == ["egfr_1"], "\(l)/\(r)")
            #expect(s.amplicons[0].insert == lr.amplicons[0].insert, "\(l)/\(r)")
            #expect(s.amplicons[0].interval == GenomicInterval(chrom: "chr7", start: 96, end: 270), "\(l)/\(r)")
        }
        // A reverse primer on the + strand, and a name that is neither, are refused with their line.
        func error(_ lines: [String]) -> String {
            do { _ = try AmpliconFile.parse(lines, path: "p.bed"); return "accepted" } catch { return "\(error)" }
        }
        #expect(error(["chr7\t99\t119\ta_1_F\t1\t+", "chr7\t249\t270\ta_1_R\t1\t+"]).hasPrefix("p.bed: line 2: a_1_R is a RIGHT primer on the + strand"))
        #expect(error(["chr7\t99\t119\ta_1_FWD\t1\t+", "chr7\t249\t270\ta_1_REVERSE\t1\t-"])
            == "p.bed: line 2: 'a_1_REVERSE' is not a primer name ending in _LEFT/_RIGHT, _F/_R or _FWD/_REV (the file's other lines are primers, one per line)")
        #expect(error(["chr7\t99\t119\ta_1_F\t1\t+"]).contains("has no _RIGHT primer (nor _R, _REV)"))
    }

    /// An AmpliSeq-style designed BED: track line (type=bedDetail), 6+ columns, amplicon ID in column
    /// 4, `Pool=` in a later column; one amplicon listed per transcript is one amplicon.
    @Test func readsAnAmpliSeqDesignedBED() throws {
        let track = "track name=\"IAD00001_Designed\" description=\"AmpliSeq Pool IAD00001\" type=bedDetail ionVersion=4.0"
        let s = try AmpliconFile.parse([track, "chr7\t55174720\t55174850\tAMPL1001\t.\tGENE_ID=EGFR;Pool=1",
                                        "chr7\t55174800\t55174930\tAMPL1002\t0\t+\t.\tGENE_ID=EGFR;Pool=2",
                                        "7\t55181300\t55181420\tAMPL1003\t.\tGENE_ID=EGFR;Pool=1,2",
                                        "chr7\t55174720\t55174850\tAMPL1001\t.\tGENE_ID=EGFR;Pool=1", ""], path: "d.bed")
        #expect(!s.hasPrimers && s.amplicons.map(\.name) == ["AMPL1001", "AMPL1002", "AMPL1003"])
        #expect(s.amplicons[0].interval == GenomicInterval(chrom: "chr7", start: 55174721, end: 55174850))
        #expect(s.amplicons[2].interval.chrom == "chr7" && s.amplicons[2].insert == s.amplicons[2].interval)
        // Without a track line, Pool= attributes alone tell the form; Thermo's 6-column form (ID, gene) by its track line.
        #expect(try AmpliconFile.parse(["chr7\t99\t270\tA1\t.\tPool=1"], path: "d.bed").amplicons.count == 1)
        #expect(try AmpliconFile.parse(["track name=x type=bedDetail", "chr7\t99\t270\tAM1\tNM_005228\tEGFR"], path: "d.bed").amplicons.count == 1)
    }

    @Test func refusesABadDesignedBED() {
        func error(_ lines: [String]) -> String {
            do { _ = try AmpliconFile.parse(lines, path: "d.bed"); return "accepted" } catch { return "\(error)" }
        }
        let track = "track name=x type=bedDetail"
        let ok = "chr7\t99\t270\tA1\t.\tGENE_ID=EGFR;Pool=1"
        #expect(error([track, ok, "chr7\t300\t470\tA2\t."]).hasPrefix("d.bed: line 3: an AmpliSeq designed BED line needs at least 6 tab-separated columns"))
        #expect(error([track, ok, "chr7\t300\t470\t.\t.\tPool=1"]) == "d.bed: line 3: column 4 must be the amplicon's ID, not '.'")
        #expect(error([ok, "chr7\t300\t470\tA2\t.\tGENE_ID=EGFR"])
            == "d.bed: line 2: amplicon A2 has no Pool= attribute in columns 5 on, though the file's first amplicon has one")
        #expect(error([ok, "chr7\t300\t470\tA2\t.\tGENE_ID=EGFR;Pool=two"]).hasPrefix("d.bed: line 2: amplicon A2: Pool= must give pool numbers"))
        #expect(error([ok, "chr7\t300\t470\tA2\t.\tPool=0"]).hasPrefix("d.bed: line 2: amplicon A2: Pool= must give pool numbers"))
        #expect(error([track, ok, "chr7\t99\t280\tA1\t.\tPool=1"]) == "d.bed: line 3: amplicon A1 is listed again with other coordinates (first on line 2)")
        #expect(error([track, "chr7\t270\t99\tA1\t.\tPool=1"]).hasPrefix("d.bed: line 2: start and end must be whole numbers"))
        #expect(error([track]) == "d.bed: no amplicons (expected tab-separated lines: chrom, start, end, name, left primer length, right primer length)")
    }

    /// A read belongs to the amplicon whose start or end it shares (within the tolerance); the nearer wins.
    @Test func readsMatchTheirAmplicon() {
        let t = AmpliconTrim(windows: [
            .init(id: 0, contig: "chr7", start: 100, end: 270, insertStart: 120, insertEnd: 250),
            .init(id: 1, contig: "chr7", start: 210, end: 380, insertStart: 230, insertEnd: 360),
        ], tolerance: 5)
        #expect(t.match(start: 100, end: 270)?.id == 0)
        #expect(t.match(start: 103, end: 200)?.id == 0)   // a shorter read from the left primer
        #expect(t.match(start: 290, end: 378)?.id == 1)   // from the right primer
        #expect(t.match(start: 150, end: 300) == nil)     // no amplicon's start or end
        #expect(t.on("chr7", start: 300, end: 400).windows.map(\.id) == [1])
    }
}
