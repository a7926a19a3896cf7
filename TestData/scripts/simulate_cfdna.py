#!/usr/bin/env python3
"""Simulated cell-free DNA with UMIs (issue 16), written as SAM aligned to GRCh38 chr7.

Fragments of ~167 bp (cfDNA's mononucleosome peak) on the real EGFR sequence around the exon 19
deletion and the exon 20 T790M/C797S codons; each molecule is read as a family of 1-12 read pairs
(2x100 bp), split at random between its two strands, with a duplex UMI in RX (`AAAAAA-CCCCCC`,
halves swapped on the bottom strand, as fgbio's paired UMIs). Errors:
  - independent per-read sequencing errors: 90% of bases Q37 erring at 0.1%, 10% Q20 erring at 1%
    (~0.2% overall, the 0.1-0.5% of Illumina reads);
  - rare early-PCR errors: 2% of molecules carry one substitution copied into every read of one strand;
  - UMI sequencing errors: 1% of read pairs have one UMI base changed (the directional merge absorbs them).
Variants are carried by a fixed share of the molecules. Reads are written with their true
alignment (no aligner): the sample tests the UMI and consensus logic, not alignment.

usage: simulate_cfdna.py SAMPLE OUT.sam   (samples: see SAMPLES; `truth SAMPLE` prints the truth VCF)
       simulate_cfdna.py bench SEED MOLECULES VAF OUT.sam [MAX_FAMILY]   (T790M, C797S and the exon 19 deletion at VAF;
           for make bench-cfdna; MAX_FAMILY, default 12, sets raw depth at a fixed number of molecules)
       simulate_cfdna.py panel SEED MOLECULES VAF OUT.sam [MAX_FAMILY]   (as bench, but fragments tile EVERY EGFR
           coding-exon target +-50 bp, ~MOLECULES molecules over each target's middle; for make bench-cfdna-panel)
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from simulate import EGFR_START, CHR7_LEN, V, REF, read_fasta, targets  # noqa: E402

READ_LEN = 100
FRAG_MEAN, FRAG_SD, FRAG_MIN = 167, 12, 120
UMI_LEN = 6
LOCI = {"ex19": 55174771, "ex20": 55181385}  # centres: the deletion's anchor; between T790M and C797S
# The panel mode's fragments start up to this far outside each target (capture baits pull in fragments
# that only overlap a target's edge), so coverage falls off over the target's flanks as in hybrid capture.
TILE_FLANK = 50
# sample -> (seed, molecules per locus, max family size, {variant: molecule share}, duplex UMIs)
SAMPLES = {
    "cfdna-t790m": (160501, 2500, 12, {"T790M": 0.005, "C797S": 0.003, "E746_A750del": 0.01}, True),
    "cfdna-negative": (160502, 2500, 12, {}, True),
    "cfdna-simplex": (160503, 2000, 8, {"T790M": 0.01}, False),
    # Phasing and MNV merging in molecules: T790M and C797S on different molecules (trans), plus one
    # PCR jackpot molecule carrying both (JACKPOTS), and a 2-base MNV in codon 787.
    "cfdna-phase": (160504, 2500, 12, {"T790M": 0.02, "C797S": 0.02, "Q787S_MNV": 0.02}, True),
    # The duplex hotspot tier (branch hot1): T790M on exactly 2 molecules (0.08%), both read on both
    # strands (STRANDED below); and a variant-free sample where 2 molecules carry an early-PCR error at
    # T790M's base on one strand and were read on that strand only (what variant-free samples show).
    "cfdna-duplex-t790m": (160505, 2500, 12, {}, True),
    "cfdna-pcr-t790m": (160506, 2500, 12, {}, True),
    # The family-class hotspot tier (branch cls1): C797S (a non-CpG G>C) on one duplex molecule and two
    # one-strand molecules of 3 read pairs (called; one of them fewer is not); T790M on three one-strand
    # singletons (not called: sequencing error); and, in a sample whose one-strand molecules carry CpG C>T
    # damage (CPG_DAMAGE), on three one-strand molecules of 2 read pairs each (not called at T790M's CpG,
    # where the same counts against the non-CpG background would be).
    "cfdna-class-c797s": (160507, 2500, 12, {}, True),
    "cfdna-class-singletons": (160508, 2500, 12, {}, True),
    "cfdna-class-cpg": (160509, 2500, 12, {}, True),
    # The flank-fed class background (branch bg1): C797S on one duplex molecule and one one-strand molecule
    # of 3 read pairs (called only against the background taken around the targets too); T790M on two
    # one-strand molecules of 2 read pairs (not called either way).
    "cfdna-flank-c797s": (160510, 2500, 12, {}, True),
}
# sample -> [(variants, family size, strands)]: molecules placed like JACKPOTS whose read pairs go to
# "both" strands in turn (a duplex molecule by construction) or to "one" strand only.
STRANDED = {
    "cfdna-duplex-t790m": [(("T790M",), 4, "both"), (("T790M",), 4, "both")],
    "cfdna-pcr-t790m": [(("T790M",), 4, "one"), (("T790M",), 5, "one")],
    "cfdna-class-c797s": [(("C797S",), 4, "both"), (("C797S",), 3, "one"), (("C797S",), 3, "one")],
    "cfdna-class-singletons": [(("T790M",), 1, "one"), (("T790M",), 1, "one"), (("T790M",), 1, "one")],
    "cfdna-class-cpg": [(("T790M",), 2, "one"), (("T790M",), 2, "one"), (("T790M",), 2, "one")],
    "cfdna-flank-c797s": [(("C797S",), 4, "both"), (("C797S",), 3, "one"), (("T790M",), 2, "one"), (("T790M",), 2, "one")],
}
# sample -> share of molecules with one CpG C>T on one strand (deamination of methylated CpG cytosine,
# the commonest damage of cfDNA: a C>T at the C on the top strand, G>A at the G on the bottom strand),
# drawn from a stream of its own so the sample's other draws are as without it.
CPG_DAMAGE = {"cfdna-class-cpg": 0.03}
# sample -> CFDNA_DUPLEX_FRACTION of its own: the class-tier samples at the bench's realistic ~36% duplex
# share (0.55; the simulator's own split gives ~65%, above real cfDNA's 20-60%).
SAMPLE_DUPLEX_FRACTION = {"cfdna-class-c797s": "0.55", "cfdna-class-singletons": "0.55", "cfdna-class-cpg": "0.55",
                          "cfdna-flank-c797s": "0.55"}
# sample -> [(variants on one molecule, family size in read pairs)]: molecules read far more often
# than the 1-12 of the others; by read pairs they outweigh every other molecule, by molecules they are one.
JACKPOTS = {
    "cfdna-phase": [(("T790M", "C797S"), 60)],
}
# SYNTHETIC: EGFR c.2359_2360delinsTC p.(Gln787Ser), CAG>TCG; not a hotspot, an MNV the caller sees as two SNVs.
V = dict(V, Q787S_MNV=("EGFR_locus", 55181368, "CA", "TC"))
BASES = "ACGT"
# Share of molecules with an early-PCR error (2%); CFDNA_PCR_ERROR raises it for the variant-free
# stress samples of scripts/bench-cfdna-null.sh. The committed samples use the default.
PCR_ERROR = float(os.environ.get("CFDNA_PCR_ERROR", "0.02"))
# Share of molecules whose two strands were both captured (duplex UMIs only; branch hot1). Unset: every
# molecule's reads are split at random between its strands, so a family of k read pairs is duplex with
# probability 1 - 0.5^(k-1) (~65% of molecules at families of 1-12, ~19% at 1-2). Real cfDNA libraries
# recover ~20-60% of molecules as duplex: CFDNA_DUPLEX_FRACTION=0.5 gives ~33% here. The choice is drawn
# from its own random stream, so the samples keep the same molecules, fragments and errors.
DUPLEX_FRACTION = os.environ.get("CFDNA_DUPLEX_FRACTION")
# CFDNA_BINOMIAL_CARRIERS=1: each variant's carrier count is drawn from Binomial(molecules, share) (own
# random stream) instead of round(share x molecules), so a 0.1% bin is not always exactly 2 molecules.
BINOMIAL_CARRIERS = os.environ.get("CFDNA_BINOMIAL_CARRIERS") == "1"


def egfr():
    return read_fasta(os.path.join(REF, "EGFR_GRCh38.fa"))[0][1]


def family_size(rng, cap):
    # Many small families, a tail to `cap` (PCR amplification is uneven): 1/k-weighted sizes.
    weights = [1.0 / k ** 0.7 for k in range(1, cap + 1)]
    return rng.choices(range(1, cap + 1), weights=weights)[0]


def umi(rng):
    return "".join(rng.choice(BASES) for _ in range(UMI_LEN))


def mutate_umi(rng, u):
    i = rng.randrange(len(u))
    if u[i] == "-":
        return u
    return u[:i] + rng.choice([b for b in BASES if b != u[i]]) + u[i + 1:]


def molecule_haplotype(seq, start, length, variant):
    """The molecule's bases and, per base, its 0-based reference position (GRCh38). `variant`: a
    name, or a tuple of names carried together (substitutions only, or one deletion)."""
    ref_pos = list(range(start, start + length + 40))
    bases = [seq[p - EGFR_START + 1] for p in ref_pos]  # seq[0] is EGFR_START (1-based)
    for v in (variant if isinstance(variant, tuple) else (variant,) if variant else ()):
        _, pos, r, a = V[v]
        i = (pos - 1) - start  # 0-based index of the variant's first base
        if 0 <= i < len(bases) - len(r):
            if len(r) == len(a):  # SNV or MNV
                bases[i:i + len(a)] = list(a)
            elif len(a) == 1:  # deletion after the anchor
                del bases[i + 1:i + len(r)]
                del ref_pos[i + 1:i + len(r)]
    return bases[:length], ref_pos[:length]


def cigar_of(ref_pos):
    """CIGAR of a read from the reference positions of its bases (jumps are deletions; a jump in
    the first or last 5 bases is soft-clipped, as an aligner would)."""
    ops, n = [], 1
    for k in range(1, len(ref_pos)):
        gap = ref_pos[k] - ref_pos[k - 1] - 1
        if gap == 0:
            n += 1
        else:
            ops.append(("M", n))
            ops.append(("D", gap))
            n = 1
    ops.append(("M", n))
    if len(ops) > 1 and (ops[0][1] < 5 or ops[-1][1] < 5):
        if ops[0][1] < 5:
            clip = ops[0][1]
            return f"{clip}S{len(ref_pos) - clip}M", ref_pos[clip]
        keep = ops[0][1]
        return f"{keep}M{len(ref_pos) - keep}S", ref_pos[0]
    return "".join(f"{l}{o}" for o, l in ops), ref_pos[0]


def revcomp(s):
    return s[::-1].translate(str.maketrans("ACGTN", "TGCAN"))


def sequenced(rng, bases):
    out, quals = [], []
    for b in bases:
        q = 37 if rng.random() < 0.9 else 20
        err = 0.001 if q == 37 else 0.01
        if rng.random() < err:
            b = rng.choice([x for x in BASES if x != b])
        out.append(b)
        quals.append(chr(q + 33))
    return "".join(out), "".join(quals)


def centre_loci(molecules):
    """The bench and committed samples' loci: (name, molecules, holds(pos), start(rng, length)); every
    molecule covers the locus centre +-15 bp, and a variant within the centre's kilobase belongs to it."""
    return [(locus, molecules, lambda pos, c=centre: pos // 1000 == c // 1000,
             lambda rng, length, c=centre: rng.randint(c + 15 - length + 1, c - 15))
            for locus, centre in LOCI.items()]


def panel_loci(molecules):
    """Every EGFR coding-exon target (g2t's panel: coding exon +-20 bp) widened by TILE_FLANK, tiled by
    fragments starting uniformly where they stay inside the window (or, for a window shorter than the
    fragment, where they cover it). A window of W bases holds molecules x max(1, (W - 166) / 167)
    molecules, so about MOLECULES of them cover each base in a target's middle."""
    out = []
    for gene, exon, start, end in targets(("EGFR",)):
        lo, hi = start - 1 - TILE_FLANK, end + TILE_FLANK  # 0-based, half-open
        n = round(molecules * max(1.0, (hi - lo - FRAG_MEAN + 1) / FRAG_MEAN))
        out.append((f"{gene}ex{exon}", n, lambda pos, lo=lo, hi=hi: lo <= pos - 1 < hi,
                    lambda rng, length, lo=lo, hi=hi: rng.randint(min(lo, hi - length), max(lo, hi - length))))
    return out


def simulate(sample, out, loci=None):
    seed, molecules, cap, shares, duplex = SAMPLES[sample]
    rng = random.Random(seed)
    seq = egfr()
    w = out.write
    w("@HD\tVN:1.6\tSO:unsorted\n")
    w(f"@SQ\tSN:chr7\tLN:{CHR7_LEN['GRCh38']}\tAS:GRCh38\n")
    w(f"@RG\tID:{sample}\tSM:{sample.upper()}\tPL:ILLUMINA\tLB:{sample}\n")
    n = 0
    # Read names carry the locus only where loci are many (the panel mode), so the others stay as committed.
    named = loci is not None
    for locus, molecules, holds, place in loci or centre_loci(molecules):
        carriers = {}
        ids = list(range(molecules))
        rng.shuffle(ids)
        k = 0
        for v, share in shares.items():
            if not holds(V[v][1]):
                continue
            count = round(share * molecules)
            if BINOMIAL_CARRIERS:
                draw = random.Random(f"{seed}-{locus}-{v}")
                count = sum(1 for _ in range(molecules) if draw.random() < share)
            for m in ids[k:k + count]:
                carriers[m] = v
            k += count
        both_rng = random.Random(f"{seed}-{locus}-duplex")
        cpg_rng = random.Random(f"{seed}-{locus}-cpg")
        sizes = {}
        for combo, size in JACKPOTS.get(sample, []):
            if holds(V[combo[0]][1]):
                carriers[ids[k]] = combo
                sizes[ids[k]] = size
                k += 1
        modes = {}
        for combo, size, mode in STRANDED.get(sample, []):
            if holds(V[combo[0]][1]):
                carriers[ids[k]] = combo
                sizes[ids[k]] = size
                modes[ids[k]] = mode
                k += 1
        for m in range(molecules):
            length = max(FRAG_MIN, int(rng.gauss(FRAG_MEAN, FRAG_SD)))
            start = place(rng, length)
            bases, rpos = molecule_haplotype(seq, start, length, carriers.get(m))
            u1, u2 = umi(rng), umi(rng)
            pcr = None
            if rng.random() < PCR_ERROR:  # an early-PCR error on one strand, in every read of that strand
                i = rng.randrange(len(bases))
                pcr = (rng.random() < 0.5, i, rng.choice([b for b in BASES if b != bases[i]]))
            damage = None
            if sample in CPG_DAMAGE and cpg_rng.random() < CPG_DAMAGE[sample]:
                sites = [i for i in range(len(bases) - 1) if bases[i] == "C" and bases[i + 1] == "G"]
                if sites:
                    on_top, i = cpg_rng.random() < 0.5, cpg_rng.choice(sites)
                    damage = (on_top, i, "T") if on_top else (on_top, i + 1, "A")
            # Simplex UMIs tag each strand of a molecule on its own: one strand's family per molecule.
            strand = rng.random() < 0.5
            fraction = DUPLEX_FRACTION or SAMPLE_DUPLEX_FRACTION.get(sample)
            both = fraction is None or both_rng.random() < float(fraction)
            for p in range(sizes[m] if m in sizes else family_size(rng, cap)):
                top = rng.random() < 0.5 if duplex else strand
                if not both or modes.get(m) == "one":  # one strand captured: every read pair reads it (the draw above keeps the stream)
                    top = strand
                elif modes.get(m) == "both":
                    top = p % 2 == 0
                tag = (f"{u1}-{u2}" if top else f"{u2}-{u1}") if duplex else u1
                if rng.random() < 0.01:
                    tag = mutate_umi(rng, tag)
                mol = list(bases)
                if pcr and pcr[0] == top:
                    mol[pcr[1]] = pcr[2]
                if damage and damage[0] == top:
                    mol[damage[1]] = damage[2]
                n += 1
                name = f"{sample}:{locus}:{m}:{p}" if named else f"{sample}:{m}:{p}"
                left_b, left_p = mol[:READ_LEN], rpos[:READ_LEN]
                right_b, right_p = mol[-READ_LEN:], rpos[-READ_LEN:]
                lc, lpos = cigar_of(left_p)
                rc, rpos0 = cigar_of(right_p)
                tlen = rpos[-1] + 1 - rpos[0]
                ls, lq = sequenced(rng, left_b)
                rs, rq = sequenced(rng, right_b)
                # Top strand: read 1 forward on the left; bottom strand: read 1 reverse on the right.
                lflag, rflag = (99, 147) if top else (163, 83)
                for flag, cig, pos, s, q, mpos, t in ((lflag, lc, lpos, ls, lq, rpos0, tlen), (rflag, rc, rpos0, rs, rq, lpos, -tlen)):
                    w(f"{name}\t{flag}\tchr7\t{pos + 1}\t60\t{cig}\t=\t{mpos + 1}\t{t}\t{s}\t{q}\tRG:Z:{sample}\tRX:Z:{tag}\n")
    return n


def truth(sample):
    seed, molecules, cap, shares, duplex = SAMPLES[sample]
    print("##fileformat=VCFv4.2")
    print(f"##contig=<ID=chr7,length={CHR7_LEN['GRCh38']}>")
    print('##INFO=<ID=AF,Number=A,Type=Float,Description="Share of the molecules carrying the variant">')
    print('##INFO=<ID=NAME,Number=1,Type=String,Description="Variant name">')
    print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
    for v, share in sorted(shares.items(), key=lambda x: V[x[0]][1]):
        _, pos, r, a = V[v]
        print(f"chr7\t{pos}\t.\t{r}\t{a}\t.\tPASS\tAF={share};NAME={v}")
    real = [c[0] for c, _, mode in STRANDED.get(sample, []) if mode == "both"]  # one-strand molecules are errors
    for v in sorted(set(real), key=lambda x: V[x][1]):
        _, pos, r, a = V[v]
        print(f"chr7\t{pos}\t.\t{r}\t{a}\t.\tPASS\tAF={real.count(v) / molecules};NAME={v}")
    for combo, size in JACKPOTS.get(sample, []):
        print(f"# one molecule of {size} read pairs carries {' and '.join(combo)} (in cis)")
    for combo, size, mode in STRANDED.get(sample, []):
        what = "read on both strands in turn" if mode == "both" else "read on one strand only (an early-PCR error, not a variant)"
        if sample.startswith(("cfdna-class", "cfdna-flank")) and mode == "one":
            what = "read on one strand only"
        print(f"# one molecule of {size} read pairs carries {' and '.join(combo)}, {what}")


if __name__ == "__main__":
    if len(sys.argv) in (6, 7) and sys.argv[1] in ("bench", "panel"):
        seed, molecules, vaf = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
        cap = int(sys.argv[6]) if len(sys.argv) == 7 else 12
        name = f"{sys.argv[1]}-{seed}"
        SAMPLES[name] = (seed, molecules, cap, {v: vaf for v in ("T790M", "C797S", "E746_A750del")} if vaf > 0 else {}, True)
        with open(sys.argv[5], "w") as f:
            simulate(name, f, panel_loci(molecules) if sys.argv[1] == "panel" else None)
    elif len(sys.argv) == 3 and sys.argv[1] == "truth":
        truth(sys.argv[2])
    elif len(sys.argv) == 3:
        with open(sys.argv[2], "w") as f:
            simulate(sys.argv[1], f)
    else:
        sys.exit(__doc__)
