#!/usr/bin/env python3
"""Independent check of the staged hotspots' protein changes with bcftools csq.

Per gene and build: a local contig = the whole shared LRG slice (../shared/reference/<GENE>_<build>.fa), a GFF3 of
the MANE transcript from staging/exons.tsv (coordinates moved onto the contig; CDS without the stop codon, phases
computed), and a VCF of the staged hotspots moved likewise; bcftools csq annotates, and its amino-acid change must
equal hgvs_p (coding rows) or be a splice consequence (intronic MET rows).
Usage: csq_crosscheck.py [SHARED] [STAGING]"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from panel18lib import CODE, GENES, load_exons, read_fasta  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
STAGING = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "staging")
ONE = {v: k for k, v in CODE.items()}
exons = load_exons(os.path.join(STAGING, "exons.tsv"))
rows = []
cols = None
for line in open(os.path.join(STAGING, "hotspots.tsv")):
    if line.startswith("#"):
        continue
    f = line.rstrip("\n").split("\t")
    if cols is None:
        cols = f
        continue
    rows.append(dict(zip(cols, f)))
bad = 0
with tempfile.TemporaryDirectory() as w:
    for gene in GENES:
        for build, col in (("GRCh38", "grch38"), ("GRCh37", "grch37")):
            name, seq = read_fasta(os.path.join(SHARED, "reference", f"{gene}_{build}.fa"))[0]
            off = int(name.split(":")[1].split("-")[0]) - 1
            ctg = f"{gene}_{build}"
            fa, gff, vcf = (os.path.join(w, f"{ctg}.{x}") for x in ("fa", "gff3", "vcf"))
            with open(fa, "w") as f:
                f.write(f">{ctg}\n" + "\n".join(seq[i:i + 60] for i in range(0, len(seq), 60)) + "\n")
            subprocess.run(["samtools", "faidx", fa], check=True)
            ex = exons[(gene, build)]
            strand = ex[0]["strand"]
            tid = GENES[gene]["refseq"]
            lo, hi = min(e["start"] for e in ex) - off, max(e["end"] for e in ex) - off
            cds = [(e["cds_start"] - off, e["cds_end"] - off) for e in ex if e["cds_start"]]
            # drop the stop codon (3 bases at the 3' end in transcript order)
            if strand == "+":
                s, e = cds[-1]
                cds[-1] = (s, e - 3)
            else:
                s, e = cds[-1]
                cds[-1] = (s + 3, e)
            with open(gff, "w") as f:
                f.write("##gff-version 3\n")
                f.write(f"{ctg}\t.\tgene\t{lo}\t{hi}\t.\t{strand}\t.\tID=gene:{gene};Name={gene};biotype=protein_coding\n")
                f.write(f"{ctg}\t.\tmRNA\t{lo}\t{hi}\t.\t{strand}\t.\tID=transcript:{tid};Parent=gene:{gene};Name={gene};biotype=protein_coding\n")
                for e in ex:
                    f.write(f"{ctg}\t.\texon\t{e['start'] - off}\t{e['end'] - off}\t.\t{strand}\t.\tParent=transcript:{tid}\n")
                done = 0
                for s, e in cds:
                    phase = (3 - done % 3) % 3
                    f.write(f"{ctg}\t.\tCDS\t{s}\t{e}\t.\t{strand}\t{phase}\tParent=transcript:{tid}\n")
                    done += e - s + 1
            recs = []
            for r in rows:
                if r["gene"] != gene:
                    continue
                loc, al = r[col].split(" ")
                p = int(loc.split(":")[1]) - off
                ref, alt = al.split(">")
                recs.append((p, ref, alt, r))
            recs.sort(key=lambda x: x[0])
            # one VCF per record: without genotypes csq would treat records at one codon as one haplotype
            got = {}
            for i, (p, ref, alt, r) in enumerate(recs):
                with open(vcf, "w") as f:
                    f.write(f"##fileformat=VCFv4.2\n##contig=<ID={ctg},length={len(seq)}>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
                    f.write(f"{ctg}\t{p}\th{i}\t{ref}\t{alt}\t.\tPASS\t.\n")
                out = subprocess.run(["bcftools", "csq", "-f", fa, "-g", gff, "--force", vcf], capture_output=True, text=True)
                if out.returncode:
                    print(out.stderr)
                    sys.exit(1)
                for line in out.stdout.splitlines():
                    if not line.startswith("#"):
                        m = re.search(r"BCSQ=([^;\t]+)", line.split("\t")[7])
                        got[f"h{i}"] = m.group(1) if m else "."
            for i, (p, ref, alt, r) in enumerate(recs):
                b = got.get(f"h{i}", ".")
                m = re.match(r"p\.\((\w{3})(\d+)(\w{3})\)", r["hgvs_p"].split(":")[1])
                if m:
                    want = f"{m.group(2)}{ONE[m.group(1)]}>{m.group(2)}{ONE[m.group(3)]}"
                    ok = want in b and "missense" in b
                else:
                    ok = "splice" in b
                    want = "splice_*"
                bad += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {build} {gene} {r['name'].split(' ')[0]:12s} {r[col]:26s} csq: {b}  (want {want})")
print(f"{'all agree' if not bad else f'{bad} disagree'}")
sys.exit(1 if bad else 0)
