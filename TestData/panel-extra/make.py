#!/usr/bin/env python3
"""Writes the test-only extra-gene panel (TestData/panel-extra): a made-up gene SYNT1 on chr17 with a
seeded random sequence, one hotspot (G12V), a knowledge-base entry, and a GRCh38 BAM carrying the
hotspot at ~40% VAF. Nothing here is real biology: it proves that a gene on another chromosome goes
through every stage as data only. Rerun: python3 TestData/panel-extra/make.py (needs samtools)."""
import os, random, subprocess

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(1414)
GENE, NM, ENST, NP, CHROM = "SYNT1", "NM_999901.1", "ENST99999999901.1", "NP_999901.1", "chr17"
SLICE38 = 10_000_001          # slice chr17:10000001-10000600 (GRCh38)
OFF37 = -1000                 # the GRCh37 copy sits 1,000 bp lower, to exercise per-build coordinates
EXON = (10_000_101, 10_000_400)
CDS = (10_000_151, 10_000_351)  # 201 bp = 66 codons + stop
LEN38 = 83_257_441            # chr17, GRCh38 (assemblies.tsv)

stops = {"TAA", "TAG", "TGA"}
def codon():
    while True:
        c = "".join(rng.choice("ACGT") for _ in range(3))
        if c not in stops:
            return c
cds = ["ATG"] + [codon() for _ in range(65)] + ["TAA"]
cds[11] = "GGT"               # codon 12 = Gly: the hotspot G12V is c.35G>T
seq = [rng.choice("ACGT") for _ in range(600)]
start = CDS[0] - SLICE38
seq[start:start + 201] = list("".join(cds))
seq = "".join(seq)
assert len(seq) == 600
HS = CDS[0] + 34              # c.35
assert seq[HS - SLICE38] == "G"

def fasta(build, off):
    s = SLICE38 + off
    lines = [seq[i:i + 60] for i in range(0, len(seq), 60)]
    return f">{CHROM}:{s}-{s + 599} {GENE} synthetic test sequence, {build} (seeded random; not a real locus)\n" + "\n".join(lines) + "\n"
for b, off in (("GRCh38", 0), ("GRCh37", OFF37)):
    open(os.path.join(here, f"{GENE}.{b}.fa"), "w").write(fasta(b, off))

open(os.path.join(here, "genes.tsv"), "w").write(
    "# Rows added to the bundled genes.tsv (same columns).\n"
    "gene\ttranscript_refseq\ttranscript_ensembl\tprotein_refseq\tchrom\tstrand\trole\tnote\n"
    f"{GENE}\t{NM}\t{ENST}\t{NP}\t{CHROM}\t+\tsomatic,summary\tsynthetic test gene\n")
rows = []
for b, off in (("GRCh38", 0), ("GRCh37", OFF37)):
    rows.append(f"{GENE}\t{NM}\t{ENST}\t{b}\t{CHROM}\t+\t1\t1\t{EXON[0] + off}\t{EXON[1] + off}\t{EXON[1] - EXON[0] + 1}\t"
                f"{CDS[0] + off}\t{CDS[1] + off}\tc.1\tc.201\tsynthetic")
open(os.path.join(here, "exons.tsv"), "w").write(
    "# Rows added to the bundled exons.tsv (same columns).\n"
    "gene\ttranscript_refseq\ttranscript_ensembl\tassembly\tchrom\tstrand\texon_number\texon_count\texon_start\texon_end\t"
    "exon_length\tcds_start\tcds_end\tcds_first_c\tcds_last_c\tevidence\n" + "\n".join(rows) + "\n")
open(os.path.join(here, "hotspots.tsv"), "w").write(
    "# Rows added to the bundled hotspots.tsv (same columns).\n"
    "gene\tname\thgvs_c\thgvs_p\tgrch38\tgrch38_hgvs_g\tgrch37\tgrch37_hgvs_g\trsid\tref_check\tsources\n"
    f"{GENE}\tG12V\t{NM}:c.35G>T\t{NP}:p.(Gly12Val)\t{CHROM}:{HS} G>T\t.\t{CHROM}:{HS + OFF37} G>T\t.\t.\tG (make.py)\tsynthetic\n")

# Paired reads: fragments of 250 bp starting at every base of the slice's first 351, read 1 forward
# and read 2 reverse or the other way round (alternately, so both orientations carry the allele);
# two fragments in five carry the hotspot's T.
sam = ["@HD\tVN:1.6\tSO:unsorted", "@SQ\tSN:chr7\tLN:159345973", f"@SQ\tSN:{CHROM}\tLN:{LEN38}",
       "@RG\tID:synt1\tSM:SYNT1-TEST\tPL:ILLUMINA"]
q = "I" * 100
for k in range(351):
    s = SLICE38 + k
    frag = list(seq[k:k + 250])
    if k % 5 < 2 and 0 <= HS - s < 250:
        frag[HS - s] = "T"
    a, b = "".join(frag[:100]), "".join(frag[150:250])
    name = f"f{k:04d}"
    if k % 2 == 0:
        sam.append(f"{name}\t99\t{CHROM}\t{s}\t60\t100M\t=\t{s + 150}\t250\t{a}\t{q}\tRG:Z:synt1")
        sam.append(f"{name}\t147\t{CHROM}\t{s + 150}\t60\t100M\t=\t{s}\t-250\t{b}\t{q}\tRG:Z:synt1")
    else:
        sam.append(f"{name}\t163\t{CHROM}\t{s}\t60\t100M\t=\t{s + 150}\t250\t{a}\t{q}\tRG:Z:synt1")
        sam.append(f"{name}\t83\t{CHROM}\t{s + 150}\t60\t100M\t=\t{s}\t-250\t{b}\t{q}\tRG:Z:synt1")
sam_path = os.path.join(here, "synt1.sam")
open(sam_path, "w").write("\n".join(sam) + "\n")
bam = os.path.join(here, "synt1-g12v.bam")
subprocess.run(["samtools", "sort", "-o", bam, sam_path], check=True)
subprocess.run(["samtools", "index", bam], check=True)
os.remove(sam_path)
