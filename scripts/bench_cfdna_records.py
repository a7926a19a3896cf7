"""What bench-cfdna-calibrate.py and bench-cfdna-curve.py both read from bench-cfdna.sh's records.tsv.

RECORDS.tsv columns: tool vaf sample pos ref alt filter qual ao dp (every record each tool emitted, per sample).
"""

# The three hotspot alleles bench-cfdna.sh plants (GRCh38 chr7, VCF style): EGFR T790M (c.2369C>T),
# C797S (c.2390G>C) and the exon 19 deletion E746_A750del (c.2235_2249del).
BENCH_HOTSPOTS = frozenset({(55181378, "C", "T"), (55181399, "G", "C"), (55174771, "AGGAATTAAGAGAAGC", "A")})


def num(x):
    """A TSV field as a number; empty or "." (no value) is 0."""
    try:
        return float(x)
    except ValueError:
        return 0.0


def passing(row):
    """A record kept by its tool's own filter (PASS or no filter)."""
    return row["filter"] in ("PASS", ".")


def key(row):
    """The record's allele: (pos, ref, alt)."""
    return (int(row["pos"]), row["ref"], row["alt"])


def scores(row):
    """The scores a peer's cut may use: QUAL, AO (its alt count) and AF = AO / DP."""
    ao, dp = num(row["ao"]), num(row["dp"])
    return {"qual": num(row["qual"]), "ao": ao, "af": ao / dp if dp > 0 else 0.0}
