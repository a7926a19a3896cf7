#!/usr/bin/env python3
"""Builds g2t's amplicon-panel test samples on the real GRCh38 EGFR sequence (exons 18-21).

An amplicon assay copies each amplicon, primers included, so every read of an amplicon starts and
ends at the same place and its first and last ~20 bases are the primers' sequence, not the sample's.
This generator writes such reads directly as aligned SAM (the alignment of a whole-amplicon read is
known exactly; no aligner is needed, and no primer is trimmed), then make-testdata.sh sorts them.

- Amplicons: 150-180 bp, primers 18-24 bp, tiled over each exon 18-21 target (coding exon +-20 bp)
  with neighbours overlapping by 55-65 bp, so the inserts (between primers) overlap and the left
  primer of each amplicon lies inside its left neighbour's insert.
- Reads: paired, both mates the whole amplicon (2x~170 chemistry after adapter trimming), pair
  orientation random per fragment, base qualities Q30-Q38 with 0.1% substitution errors.
- Variants (truth VCF): T790M, L858R, the exon 19 deletion E746_A750del and the exon 20 insertion
  V769_D770insASV, and SNVs within 10 bp of an insert end (3-8 bp from a primer) and under a
  neighbour's primer (within 10 bp of that amplicon's end), at 5-20% allele fraction. A read of an
  amplicon shows a variant only inside its insert; under its primers it shows the primer.
- A primer-site mismatch (NOT in the truth): one amplicon's left primer carries a base that differs
  from the reference, so every read of that amplicon shows an "alternate" base there (~50% of the
  fragments at the site). It must not be called.
Samples:
  amplicon-egfr          the above, no duplicate marking (as amplicon pipelines run)
  amplicon-egfr-markdup  the same reads with Picard-style duplicate flags (all but one fragment per
                         amplicon and orientation flagged): amplicon reads share start and end
  amplicon-dropout       as amplicon-egfr, but the amplicons reading L858R get 2% of the fragments
Usage: simulate_amplicon.py bed OUT.bed | simulate_amplicon.py sam SAMPLE > out.sam
       simulate_amplicon.py truth SAMPLE > truth.vcf | simulate_amplicon.py design (prints the layout)
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simulate as S  # noqa: E402  (helpers: loci(), targets(), V, CHR7_LEN)

EXONS = {("EGFR", e) for e in (18, 19, 20, 21)}
FRAGMENTS = 400          # fragments per amplicon: 5% VAF = 20 fragments
CHROM = "chr7"
SAMPLES = {
    "amplicon-egfr": ("AMPLICON-EGFR", 71, False, False),
    "amplicon-egfr-markdup": ("AMPLICON-MARKDUP", 71, True, False),
    "amplicon-dropout": ("AMPLICON-DROPOUT", 73, False, True),
}
DROPOUT_SHARE = 0.02


_LOCUS = []


def locus():
    """(GRCh38 start, sequence) of the real EGFR region, read once."""
    if not _LOCUS:
        _LOCUS.append(S.loci()["EGFR_locus"])
    return _LOCUS[0]


def ref_base(pos):
    start, seq = locus()
    return seq[pos - start]


def design():
    """Amplicons [(name, start, end, left, right)], 1-based inclusive, tiled over the targets."""
    rng = random.Random(20261201)
    out = []
    for gene, exon, t_start, t_end in sorted(S.targets(genes=("EGFR",), exons=EXONS), key=lambda t: t[2]):
        left = rng.randint(18, 24)
        start = t_start - left - rng.randint(5, 12)      # the first insert starts before the target
        k = 0
        while True:
            length = rng.randint(150, 180)
            right = rng.randint(18, 24)
            end = start + length - 1
            k += 1
            out.append((f"{gene}_ex{exon}_{k}", start, end, left, right))
            if end - right >= t_end + 5:
                break
            overlap = rng.randint(55, 65)
            start = end - overlap + 1
            left = rng.randint(18, 24)
    return out


def insert(a):
    _, s, e, l, r = a
    return s + l, e - r


def variants():
    """Truth variants [(name, pos, ref, alt, vaf)] and the primer mismatch (pos, alt, amplicon name)."""
    amps = design()
    rng = random.Random(20261202)
    out = [("T790M",) + S.V["T790M"][1:] + (0.10,), ("L858R",) + S.V["L858R"][1:] + (0.05,),
           ("E746_A750del",) + S.V["E746_A750del"][1:] + (0.15,),
           ("V769_D770insASV",) + S.V["V769_D770insASV"][1:] + (0.12,)]
    taken = {p for _, p, _, _, _ in out}

    tgts = S.targets(genes=("EGFR",), exons=EXONS)

    def free(p):  # in a target, clear of the other variants (no MNV) and of the exon 19 deletion
        return (any(ts <= p <= te for _, _, ts, te in tgts) and all(abs(p - q) > 6 for q in taken)
                and not (55174771 <= p <= 55174790))

    def snv(name, pos, vaf):
        ref = ref_base(pos)
        alt = "ACGT"[("ACGT".index(ref) + 1 + rng.randint(0, 2)) % 4]
        out.append((name, pos, ref, alt, vaf))
        taken.add(pos)

    vafs = [0.05, 0.08, 0.12, 0.20, 0.06, 0.15, 0.10, 0.07]
    n = 0
    # Within 10 bp of an insert end (3-8 bp from the primer), on alternate amplicons and ends.
    for i, a in enumerate(amps):
        lo, hi = insert(a)
        sides = [[lo + d for d in range(3, 9)], [hi - d for d in range(3, 9)]]
        for side in (sides if i % 2 == 0 else sides[::-1]):
            ok = [p for p in side if free(p)]
            if ok and n < 6:
                snv(f"END{n + 1}_{a[0]}", rng.choice(ok), vafs[n])
                n += 1
                break
    # Under a primer (within 10 bp of that amplicon's start), inside the left neighbour's insert.
    for a, b in zip(amps, amps[1:]):
        if b[1] <= insert(a)[1] and b[3] > 10:
            pos = b[1] + rng.randint(2, 8)
            if free(pos) and insert(a)[0] < pos < insert(a)[1]:
                snv(f"PRIMER_{b[0]}", pos, 0.10)
                break
    # The primer mismatch: another neighbour pair, a base of the right amplicon's left primer.
    mismatch = None
    for a, b in reversed(list(zip(amps, amps[1:]))):
        pos = b[1] + b[3] - 8
        if b[1] <= insert(a)[1] and free(pos) and insert(a)[0] < pos < insert(a)[1]:
            ref = ref_base(pos)
            mismatch = (pos, "ACGT"[("ACGT".index(ref) + 2) % 4], b[0])
            break
    return sorted(out, key=lambda v: v[1]), mismatch


def haplotype(a, carried, mismatch):
    """Read sequence and CIGAR of amplicon `a` carrying the variants in `carried` (inside its insert)."""
    start, seq = locus()
    name, s, e, l, r = a
    lo, hi = s + l, e - r
    bases = list(seq[s - start:e - start + 1])
    ops = [["M", len(bases)]]
    if mismatch and mismatch[2] == name:
        bases[mismatch[0] - s] = mismatch[1]
    # Right to left, so offsets stay valid; indels change the CIGAR.
    cigar_events = []
    for vname, pos, ref, alt, _ in sorted(carried, key=lambda v: -v[1]):
        if not (lo <= pos and pos + len(ref) - 1 <= hi):
            continue  # under a primer (or across one): the read shows the primer
        i = pos - s
        assert "".join(bases[i:i + len(ref)]) == ref, vname
        bases[i:i + len(ref)] = list(alt)
        if len(ref) != len(alt):
            cigar_events.append((i + 1, len(ref) - len(alt)))  # after the anchor base
    # CIGAR: one event at most per read here (the deletion and the insertion lie in different exons).
    assert len(cigar_events) <= 1
    if cigar_events:
        i, d = cigar_events[0]
        total_ref = e - s + 1
        if d > 0:
            cigar = f"{i}M{d}D{total_ref - i - d}M"
        else:
            cigar = f"{i}M{-d}I{total_ref - i}M"
    else:
        cigar = f"{e - s + 1}M"
    return "".join(bases), cigar


def revcomp(s):
    return s[::-1].translate(str.maketrans("ACGTN", "TGCAN"))


def sam(sample):
    rg, seed, markdup, dropout = SAMPLES[sample]
    rng = random.Random(seed)
    amps = design()
    truth, mismatch = variants()
    l858r = S.V["L858R"][1]
    print(f"@HD\tVN:1.6\tSO:unsorted")
    print(f"@SQ\tSN:{CHROM}\tLN:{S.CHR7_LEN['GRCh38']}\tAS:GRCh38")
    print(f"@RG\tID:{sample}\tSM:{rg}\tPL:ILLUMINA\tLB:{sample}")
    for a in amps:
        name, s, e, l, r = a
        n = FRAGMENTS
        if dropout and insert(a)[0] <= l858r <= insert(a)[1]:
            n = max(1, round(FRAGMENTS * DROPOUT_SHARE))
        inside = [v for v in truth if s <= v[1] <= e]
        carriers = {v[0]: set(rng.sample(range(n), round(v[4] * n))) for v in inside}
        first_seen = set()
        for f in range(n):
            carried = [v for v in inside if f in carriers[v[0]]]
            seq, cigar = haplotype(a, carried, mismatch)
            r1_forward = rng.random() < 0.5
            dup = markdup and r1_forward in first_seen
            first_seen.add(r1_forward)
            qname = f"{sample}:{name}:{f}"
            tlen = e - s + 1
            for mate in (1, 2):
                forward = r1_forward if mate == 1 else not r1_forward
                flag = 1 | 2 | (64 if mate == 1 else 128) | (0 if forward else 16) | (32 if forward else 0) | (1024 if dup else 0)
                quals = [rng.randint(30, 38) for _ in seq]
                read = list(seq)
                for i in range(len(read)):
                    if rng.random() < 0.001:
                        read[i] = rng.choice([b for b in "ACGT" if b != read[i]])
                q = "".join(chr(33 + x) for x in quals)
                print(f"{qname}\t{flag}\t{CHROM}\t{s}\t60\t{cigar}\t=\t{s}\t{tlen if forward else -tlen}\t{''.join(read)}\t{q}\tRG:Z:{sample}")


def bed(path):
    with open(path, "w") as f:
        f.write("# chrom\tstart\tend\tname\tleft_primer_length\tright_primer_length (BED 0-based; whole amplicon incl. primers)\n")
        for name, s, e, l, r in design():
            f.write(f"{CHROM}\t{s - 1}\t{e}\t{name}\t{l}\t{r}\n")


def truth_vcf(sample):
    truth, _ = variants()
    print("##fileformat=VCFv4.3")
    print(f"##contig=<ID={CHROM},length={S.CHR7_LEN['GRCh38']},assembly=GRCh38>")
    print('##INFO=<ID=AF,Number=A,Type=Float,Description="Simulated allele fraction">')
    print('##INFO=<ID=NAME,Number=1,Type=String,Description="Variant name">')
    print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
    for name, pos, ref, alt, vaf in truth:
        print(f"{CHROM}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tAF={vaf:.3f};NAME={name}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "bed":
        bed(sys.argv[2])
    elif cmd == "sam":
        sam(sys.argv[2])
    elif cmd == "truth":
        truth_vcf(sys.argv[2])
    elif cmd == "design":
        for a in design():
            print(a, "insert", insert(a))
        t, m = variants()
        for v in t:
            print(v)
        print("primer mismatch", m)
    else:
        sys.exit(__doc__)
