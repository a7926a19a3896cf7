"""Shared helpers of the issue-18 panel-data scripts (exon table, FASTA, c. <-> genomic, translation)."""
import itertools

# MANE Select v1.0 (shared/reference/PROVENANCE.md, "Panel genes", source P1); protein length = NP length there.
GENES = {
    "KRAS": {"refseq": "NM_004985.5", "protein": "NP_004976.2", "aa": 188, "note": "KRAS4B (188 aa)"},
    "NRAS": {"refseq": "NM_002524.5", "protein": "NP_002515.1", "aa": 189},
    "BRAF": {"refseq": "NM_004333.6", "protein": "NP_004324.2", "aa": 766},
    "MET": {"refseq": "NM_000245.4", "protein": "NP_000236.2", "aa": 1390, "note": "isoform b (1390 aa); c.3028+1 = METex14 donor"},
    "PIK3CA": {"refseq": "NM_006218.4", "protein": "NP_006209.2", "aa": 1068},
}
CODE = {"A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu", "G": "Gly", "H": "His",
        "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser", "T": "Thr", "W": "Trp",
        "Y": "Tyr", "V": "Val", "*": "Ter"}
_B = "TCAG"
_AA = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
codon_table = {"".join(c): a for c, a in zip(itertools.product(_B, repeat=3), _AA)}


def comp(b):
    return {"A": "T", "C": "G", "G": "C", "T": "A", "N": "N"}[b]


def revcomp(s):
    return "".join(comp(b) for b in reversed(s))


def translate(s):
    return "".join(codon_table.get(s[i:i + 3], "X") for i in range(0, len(s) - 2, 3))


def read_fasta(path):
    """[(record name, sequence)]; the record name is the first word of the header."""
    recs, name, seq = [], None, []
    for line in open(path):
        line = line.strip()
        if line.startswith(">"):
            if name:
                recs.append((name, "".join(seq)))
            name, seq = line[1:].split()[0], []
        elif line:
            seq.append(line.upper())
    if name:
        recs.append((name, "".join(seq)))
    return recs


def load_exons(path):
    """{(gene, build): [exon dicts in transcript order]} from an exons.tsv-style table."""
    out, cols = {}, None
    for line in open(path):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if cols is None:
            cols = f
            continue
        r = dict(zip(cols, f))
        cs = None if r["cds_start"] in ("", ".") else int(r["cds_start"])
        ce = None if r["cds_end"] in ("", ".") else int(r["cds_end"])
        out.setdefault((r["gene"], r["assembly"]), []).append({
            "number": int(r["exon_number"]), "start": int(r["exon_start"]), "end": int(r["exon_end"]),
            "cds_start": cs, "cds_end": ce, "strand": r["strand"], "chrom": r["chrom"], "ensembl": r["transcript_ensembl"],
            "first_c": r["cds_first_c"], "last_c": r["cds_last_c"]})
    for k in out:
        out[k].sort(key=lambda e: e["number"])
    return out


def cds_positions(exons):
    """Genomic positions of c.1 .. c.N (stop codon included), in transcript order."""
    pos = []
    for e in exons:
        if e["cds_start"] is None:
            continue
        r = range(e["cds_start"], e["cds_end"] + 1)
        pos.extend(r if e["strand"] == "+" else reversed(r))
    return pos


def c_to_g(cds, strand, c, off=0):
    """Genomic position of c.C (+off / -off intronic)."""
    g = cds[c - 1]
    return g + off if strand == "+" else g - off


class Slices:
    """Bases from one or more FASTA files whose records are named chrom:start-end (g2t's slice convention)."""

    def __init__(self, paths):
        self.blocks = []
        for p in paths:
            for name, s in read_fasta(p):
                chrom, rng = name.split(":")
                st, en = (int(x) for x in rng.split("-"))
                assert en - st + 1 == len(s), f"{p}: record {name} holds {len(s)} bp"
                self.blocks.append((chrom, st, s))

    def base(self, chrom, pos):
        for c, st, s in self.blocks:
            if c == chrom and st <= pos < st + len(s):
                return s[pos - st]
        return None

    def seq(self, chrom, a, b):
        out = [self.base(chrom, p) for p in range(a, b + 1)]
        return None if None in out else "".join(out)
