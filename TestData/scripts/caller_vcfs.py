#!/usr/bin/env python3
"""Writes small VCFs in the styles of common callers, carrying the demo sample's variants
(EGFR L858R 30%, ABCB1 rs1045642 and rs1128503 heterozygous) plus an exon 19 deletion written
un-normalised, a multi-allelic ABCB1 site, and inputs that must be refused. The field values are
typical of each caller's output; they are written by hand, not by running the callers.
usage: caller_vcfs.py OUT_DIR
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
C38 = "##contig=<ID=chr7,length=159345973>"
C37 = "##contig=<ID=7,length=159138663>"


def write(name, lines):
    with open(os.path.join(out, name), "w") as f:
        f.write("\n".join(lines) + "\n")


def header(*meta, samples=()):
    cols = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO" + ("\tFORMAT\t" + "\t".join(samples) if samples else "")
    return ["##fileformat=VCFv4.2", *meta, cols]


def row(*f):
    return "\t".join(str(x) for x in f)


# GATK Mutect2, tumour/normal; the header names the tumour, which is not the first column.
write("mutect2.vcf", header(
    "##source=Mutect2", "##tumor_sample=DEMO-TUMOUR", "##normal_sample=DEMO-NORMAL", C38,
    '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
    '##FORMAT=<ID=SB,Number=4,Type=Integer,Description="Per-sample component statistics: ref+, ref-, alt+, alt-">',
    samples=("DEMO-NORMAL", "DEMO-TUMOUR")) + [
    row("chr7", 55174770, ".", "AAGGAATTAAGAGAAGC", "AA", ".", "weak_evidence", "DP=300", "GT:AD:AF:DP:SB",
        "0/0:110,0:0.009:110:55,55,0,0", "0/1:180,2:0.011:182:90,90,1,1"),
    row("chr7", 55191822, ".", "T", "G", ".", "PASS", "DP=400", "GT:AD:AF:DP:SB",
        "0/0:120,0:0.008:120:60,60,0,0", "0/1:188,83:0.306:271:94,94,39,44"),
    row("chr7", 87509329, ".", "A", "G", ".", "PASS", "DP=460", "GT:AD:AF:DP:SB",
        "0/1:70,68:0.493:138:35,35,34,34", "0/1:155,158:0.505:313:78,77,73,85"),
    row("chr7", 87550285, ".", "A", "G", ".", "PASS", "DP=470", "GT:AD:AF:DP:SB",
        "0/1:66,70:0.515:136:33,33,35,35", "0/1:161,164:0.505:325:80,81,84,80"),
])

# Illumina Strelka2 somatic SNVs: tier-1/tier-2 counts per base, columns NORMAL and TUMOR.
write("strelka2.snvs.vcf", header(
    "##source=strelka", "##source_version=2.9.10", C38,
    '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic mutation">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth for tier1 (used+filtered)">',
    '##FORMAT=<ID=FDP,Number=1,Type=Integer,Description="Number of basecalls filtered from original read depth for tier1">',
    '##FORMAT=<ID=AU,Number=2,Type=Integer,Description="Number of A alleles used in tiers 1,2">',
    '##FORMAT=<ID=CU,Number=2,Type=Integer,Description="Number of C alleles used in tiers 1,2">',
    '##FORMAT=<ID=GU,Number=2,Type=Integer,Description="Number of G alleles used in tiers 1,2">',
    '##FORMAT=<ID=TU,Number=2,Type=Integer,Description="Number of T alleles used in tiers 1,2">',
    samples=("NORMAL", "TUMOR")) + [
    row("chr7", 55191822, ".", "T", "G", ".", "PASS", "SOMATIC", "DP:FDP:AU:CU:GU:TU",
        "120:0:0,0:0,0:0,0:120,121", "272:1:0,0:0,0:83,84:188,190"),
])

# Strelka2 somatic indels: TAR (reference) and TIR (indel) tier-1/tier-2 counts.
write("strelka2.indels.vcf", header(
    "##source=strelka", C38,
    '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic mutation">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth for tier1">',
    '##FORMAT=<ID=TAR,Number=2,Type=Integer,Description="Reads strongly supporting alternate allele for tiers 1,2">',
    '##FORMAT=<ID=TIR,Number=2,Type=Integer,Description="Reads strongly supporting indel allele for tiers 1,2">',
    samples=("NORMAL", "TUMOR")) + [
    row("chr7", 55174771, ".", "AGGAATTAAGAGAAGC", "A", ".", "PASS", "SOMATIC", "DP:TAR:TIR", "300:300,305:0,0", "572:393,400:179,183"),
])

# VarDictJava, single sample; FORMAT AF has Number=1.
write("vardict.vcf", header(
    "##source=VarDict_v1.8.3", C38,
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total Depth">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Total Depth">',
    '##FORMAT=<ID=VD,Number=1,Type=Integer,Description="Variant Depth">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
    '##FORMAT=<ID=AF,Number=1,Type=Float,Description="Allele Frequency">',
    samples=("DEMO-NSCLC",)) + [
    row("chr7", 55191822, ".", "T", "G", ".", "PASS", "DP=271", "GT:DP:VD:AD:AF", "0/1:271:83:188,83:0.3063"),
    row("chr7", 87509329, ".", "A", "G", ".", "PASS", "DP=313", "GT:DP:VD:AD:AF", "0/1:313:158:155,158:0.5048"),
    row("chr7", 87550285, ".", "A", "G", ".", "PASS", "DP=325", "GT:DP:VD:AD:AF", "0/1:325:164:161,164:0.5046"),
])

# bcftools mpileup | call -mv, no AD requested: depth from INFO DP4.
write("bcftools.vcf", header(
    "##bcftools_callVersion=1.16+htslib-1.16", C38,
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Raw read depth">',
    '##INFO=<ID=DP4,Number=4,Type=Integer,Description="Number of high-quality ref-forward , ref-reverse, alt-forward and alt-reverse bases">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=PL,Number=G,Type=Integer,Description="List of Phred-scaled genotype likelihoods">',
    samples=("DEMO-NSCLC",)) + [
    row("chr7", 55191822, ".", "T", "G", 225, "PASS", "DP=271;DP4=94,94,39,44", "GT:PL", "0/1:255,0,255"),
    row("chr7", 87509329, ".", "A", "G", 225, "PASS", "DP=313;DP4=78,77,73,85", "GT:PL", "0/1:255,0,255"),
    row("chr7", 87550285, ".", "A", "G", 225, "PASS", "DP=325;DP4=80,81,84,80", "GT:PL", "0/1:255,0,255"),
])

# freebayes: AO/RO beside AD, strand counts in INFO SAF/SAR.
write("freebayes.vcf", header(
    "##source=freeBayes v1.3.6", C38,
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total read depth at the locus">',
    '##INFO=<ID=SAF,Number=A,Type=Integer,Description="Number of alternate observations on the forward strand">',
    '##INFO=<ID=SAR,Number=A,Type=Integer,Description="Number of alternate observations on the reverse strand">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read Depth">',
    '##FORMAT=<ID=RO,Number=1,Type=Integer,Description="Reference allele observation count">',
    '##FORMAT=<ID=AO,Number=A,Type=Integer,Description="Alternate allele observation count">',
    samples=("DEMO-NSCLC",)) + [
    row("chr7", 55191822, ".", "T", "G", 1500, ".", "DP=271;SAF=39;SAR=44", "GT:DP:RO:AO", "0/1:271:188:83"),
    row("chr7", 87509329, ".", "A", "G", 3000, ".", "DP=313;SAF=73;SAR=85", "GT:DP:RO:AO", "0/1:313:155:158"),
    row("chr7", 87550285, ".", "A", "G", 3000, ".", "DP=325;SAF=84;SAR=80", "GT:DP:RO:AO", "0/1:325:161:164"),
])

# Google DeepVariant: FORMAT VAF; a multi-allelic ABCB1 rs2032582 (A>C,T).
write("deepvariant.vcf", header(
    "##DeepVariant_version=1.6.0", C38,
    '##FILTER=<ID=RefCall,Description="Genotyping model thinks this site is reference.">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Conditional genotype quality">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Read depth for each allele">',
    '##FORMAT=<ID=VAF,Number=A,Type=Float,Description="Variant allele fractions.">',
    samples=("DEMO-NSCLC",)) + [
    row("chr7", 55191822, ".", "T", "G", 40, "PASS", ".", "GT:GQ:DP:AD:VAF", "0/1:40:271:188,83:0.306273"),
    row("chr7", 87531302, ".", "A", "C,T", 38, "PASS", ".", "GT:GQ:DP:AD:VAF", "1/2:38:250:2,120,128:0.48,0.512"),
])

# GRCh37 with Ensembl contig names ("7"): the same demo variants.
write("grch37-nochr.vcf", header(
    "##source=VarDict_v1.8.3", C37,
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
    samples=("DEMO-NSCLC",)) + [
    row("7", 55259515, ".", "T", "G", ".", "PASS", ".", "GT:AD", "0/1:188,83"),
    row("7", 87138645, ".", "A", "G", ".", "PASS", ".", "GT:AD", "0/1:155,158"),
])

# Sites only, no depth anywhere: VAF unknown; and no contig length, so --build is needed.
write("sites-only.vcf", ["##fileformat=VCFv4.2", "##contig=<ID=chr7>",
                         "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
                         row("chr7", 55191822, "rs121434568", "T", "G", ".", "PASS", ".")])

# Inputs that must be refused.
write("bad-header.vcf", ["##fileformat=VCFv4.2", '##INFO=<ID=DP,Number=1,Type=Integer,Description="unterminated',
                         "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", row("chr7", 55191822, ".", "T", "G", ".", "PASS", ".")])
write("ref-mismatch.vcf", header(C38) + [row("chr7", 55181378, ".", "C", "T", ".", "PASS", "."),
                                         row("chr7", 55191822, ".", "C", "G", ".", "PASS", ".")])
write("unknown-contig.vcf", header(C38) + [row("chr7", 55191822, ".", "T", "G", ".", "PASS", "."),
                                           row("chrUn_KI270742v1", 100, ".", "A", "G", ".", "PASS", ".")])
