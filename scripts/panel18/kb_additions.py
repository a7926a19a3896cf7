#!/usr/bin/env python3
"""Writes staging/kb-additions.json: issue-18 knowledge-base entries (KRAS, NRAS, BRAF, MET, PIK3CA).

The fragment has the top-level keys of g2t-kb.json that gain entries (sources, drugs, biomarkers, effects,
informational) plus `replace.panelLimits` (the colorectal RAS/BRAF limit, to be reworded once g2t tests those
genes). scripts/panel18/merge_kb.py merges it into a copy of the shipped KB and validates the result.
Every claim and its source: staging/kb-sources.md.
"""
import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "staging", "kb-additions.json")

SOURCES = {
    "BEACON_NEJM2019": {"citation": "Kopetz S et al. (BEACON CRC). Encorafenib, binimetinib, and cetuximab in BRAF V600E-mutated colorectal cancer. N Engl J Med 2019;381:1632-1643, doi:10.1056/NEJMoa1908075: 665 patients after 1-2 prior regimens; encorafenib + cetuximab (doublet) and triplet vs cetuximab + irinotecan/FOLFIRI (median OS 9.0 vs 5.4 months for the triplet)"},
    "ROS2021_BRAF_CRC": {"citation": "Ros J et al. BRAF, MEK and EGFR inhibition as treatment strategies in BRAF V600E metastatic colorectal cancer. Ther Adv Med Oncol 2021;13:1758835921992974 (review; BRAF inhibition alone fails in CRC through EGFR feedback; BEACON)", "pmid": "33747149"},
    "LUMAKRAS_LABEL": {"citation": "LUMAKRAS (sotorasib) US prescribing information as served by openFDA (label.json, last_updated 2026-07-18): 'Indications and Usage (1) 01/2025' recent major change (the colorectal indication with panitumumab); indication text not read in full in this curation", "url": "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22sotorasib%22"},
    "MOALMANAC_2025_02_07": {"citation": "Molecular Oncology Almanac database release of 7 Feb 2025: added (FDA) 'KRAS p.G12C and sensitivity to panitumumab in combination with sotorasib for the treatment of adult patients with metastatic colorectal cancer' and '(FDA) BRAF p.V600E and sensitivity to encorafenib in combination with cetuximab and mFOLFOX6' (vanallenlab/moalmanac-db)", "url": "https://github.com/vanallenlab/moalmanac-db/releases/tag/v.2025-02-07"},
    "KRAZATI_LABEL": {"citation": "KRAZATI (adagrasib) US prescribing information as served by openFDA (label.json, last_updated 2026-06-01), section 1: NSCLC - single agent, KRAS G12C-mutated locally advanced or metastatic NSCLC after at least one prior systemic therapy; CRC - with cetuximab, KRAS G12C-mutated locally advanced or metastatic CRC after fluoropyrimidine-, oxaliplatin- and irinotecan-based chemotherapy (both accelerated approvals)", "url": "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22adagrasib%22"},
    "ADAGRASIB_CRC_FDA_2024": {"citation": "FDA accelerated approval of adagrasib with cetuximab for KRAS G12C-mutated colorectal cancer, 21 Jun 2024 (KRYSTAL-1, n=94: ORR 34%, median DOR 5.8 months), as reported by Oncology Nursing News (Dec 2025) and Precision Medicine Online", "url": "https://www.oncnursingnews.com/view/rx-road-map-adagrasib-with-cetuximab-for-kras-g12c-mutated"},
    "SOTORASIB_NSCLC_FDA_2021": {"citation": "FDA Approval Summary: Sotorasib for KRAS G12C-mutated metastatic NSCLC. Clin Cancer Res 2022;28(8):1482: accelerated approval on 28 May 2021 after at least one prior systemic therapy (CodeBreaK 100, n=124, ORR 36%, median DOR 10.0 months)", "url": "https://aacrjournals.org/clincancerres/article/28/8/1482/694149/FDA-Approval-Summary-Sotorasib-for-KRAS-G12C"},
    "TABRECTA_LABEL": {"citation": "TABRECTA (capmatinib) US prescribing information as served by openFDA (label.json, last_updated 2026-06-01), section 1: adult metastatic NSCLC whose tumours have a mutation that leads to MET exon 14 skipping as detected by an FDA-approved test; efficacy supplement S-004 approved 10 Aug 2022 (drugsfda NDA213591)", "url": "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22capmatinib%22"},
    "TEPMETKO_LABEL": {"citation": "TEPMETKO (tepotinib) US prescribing information as served by openFDA (label.json, last_updated 2026-06-02; 'Indication and Usage (1) 02/2024'); efficacy supplement S-003 approved 15 Feb 2024 (drugsfda NDA214096). Indication (MET exon 14 skipping NSCLC) as in the label title; section 1 text not read in full in this curation", "url": "https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22Tepotinib+Hydrochloride%22"},
    "DABRAFENIB_TRAMETINIB_AGNOSTIC_FDA_2022": {"citation": "FDA D.I.S.C.O. Burst Edition: on 22 Jun 2022 FDA granted accelerated approval to dabrafenib with trametinib for adult and paediatric patients >= 6 years with unresectable or metastatic solid tumours with BRAF V600E that progressed after prior treatment with no satisfactory alternative; not indicated in colorectal cancer (intrinsic resistance to BRAF inhibition); BRF117019, NCI-MATCH, CTMT212X2101; BRF113928 (lung) already in labelling", "url": "https://www.fda.gov/drugs/resources-information-approved-drugs/fda-disco-burst-edition-fda-approval-tafinlar-dabrafenib-combination-mekinist-trametinib"},
    "DABRAFENIB_TRAMETINIB_NSCLC": {"citation": "Dabrafenib + trametinib is approved for BRAF V600E-mutant metastatic NSCLC (US: Tafinlar/Mekinist labelling, study BRF113928, as restated by the FDA D.I.S.C.O. page of 2022; EU: Tafinlar SmPC section 4.1 'Cancer bronchique non a petites cellules'); label section 1 not read in full in this curation", "url": "https://www.fda.gov/drugs/resources-information-approved-drugs/fda-disco-burst-edition-fda-approval-tafinlar-dabrafenib-combination-mekinist-trametinib"},
    "PHAROS_SNDA_2023": {"citation": "Pfizer press release as reported by CancerNetwork/Targeted Oncology (2023): FDA accepted sNDAs for encorafenib + binimetinib in BRAF V600E-mutant metastatic NSCLC, PDUFA date Q4 2023, supported by the phase 2 PHAROS trial (NCT03915951, n=98, met its ORR primary end point). The approval itself was not found in this curation", "url": "https://www.targetedonc.com/view/fda-accepts-sndas-for-encorafenib-and-binimetinib-for-braf-v600-mutated-nsclc"},
    "TATTON_FINAL": {"citation": "Hartmaier RJ et al. Osimertinib + savolitinib to overcome acquired MET-mediated resistance in EGFR-mutated, MET-amplified NSCLC: TATTON (NCT02143466) final analysis. Cancer Discov 2023;13(1):98-113 (phase Ib; ORR 33-67% (Part B) and 62% (Part D); more activity with MET copy number >= 10; resistance to the combination via MET, EGFR or KRAS alterations)", "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC9827108"},
    "SAVANNAH_ELCC2025": {"citation": "SAVANNAH (phase II) primary results, European Lung Cancer Congress 2025 (Ahn MJ): savolitinib + osimertinib after progression on osimertinib with MET overexpression and/or amplification (refined thresholds IHC3+ >= 90% or FISH >= 10 copies); FDA Fast Track only, no approval found", "url": "https://staging1.lungcancerstoday.com/post/savannah-trial-evaluates-adding-savolitinib-to-osimertinib-after-progression-of-nsclc"},
    "LEONETTI2019": {"citation": "Leonetti A et al. Resistance mechanisms to osimertinib in EGFR-mutated non-small cell lung cancer. Br J Cancer 2019;121:725-737 (MET/HER2 amplification, RAS-MAPK and PI3K pathway activation, fusions and histological transformation as EGFR-independent resistance)", "pmid": "31564718"},
    "MET_AMP_TKI_RESISTANCE_REVIEW": {"citation": "Review, J Hematol Oncol 2019 (doi:10.1186/s13045-019-0759-9): MET amplification in about 5-22% of NSCLC with acquired resistance to first-generation EGFR TKIs, activating EGFR-independent signalling", "url": "https://rd.springer.com/article/10.1186/s13045-019-0759-9/fulltext.html"},
    "PGP_NOT_CURATED_ISSUE18": {"citation": "P-gp substrate status of the issue-18 drugs (sotorasib, adagrasib, encorafenib, binimetinib, dabrafenib, trametinib, capmatinib, tepotinib) was not verified in this curation: the labels' drug-interaction and clinical-pharmacology (transporter) sections could not be read through the tools available, so the status is unknown until checked"},
}

# Extended RAS: KRAS and NRAS codons 12, 13, 59, 61, 117, 146 (CETUXIMAB_RAS_BRAF, already in the KB).
RAS_CODONS = [(12, "G"), (13, "G"), (59, "A"), (61, "Q"), (117, "K"), (146, "A")]
biomarkers, effects, informational, drugs = [], [], [], []
for gene in ("KRAS", "NRAS"):
    for codon, aa in RAS_CODONS:
        bid = f"{gene}_{aa}{codon}X"
        biomarkers.append({"id": bid, "name": f"{gene} {aa}{codon} missense (extended RAS codon)", "gene": gene,
                           "rule": {"kind": "missenseAtCodon", "codon": codon, "from": aa}})
        for drug in ("cetuximab", "panitumumab"):
            effects.append({"biomarker": bid, "drug": drug, "effect": "resistance", "oncokbLevel": None, "ampLevel": "IA",
                            "tumorTypes": ["COADREAD"], "verified": "S", "sources": ["VECTIBIX_ERBITUX_LABELS", "CETUXIMAB_RAS_BRAF"],
                            "summary": f"{gene} codon {codon} mutation in colorectal cancer: anti-EGFR antibodies are indicated only in RAS wild-type disease (KRAS and NRAS exons 2, 3 and 4) and are not indicated in RAS-mutant disease (labels; NCBI Medical Genetics Summary). Level A (label) resistance; OncoKB level not re-read."})
biomarkers += [
    {"id": "KRAS_G12C", "name": "KRAS G12C", "gene": "KRAS", "rule": {"kind": "proteinChange", "changes": ["G12C"]}},
    {"id": "BRAF_V600E", "name": "BRAF V600E", "gene": "BRAF", "rule": {"kind": "proteinChange", "changes": ["V600E"]}},
    {"id": "MET_EX14_SPLICE_DONOR", "name": "MET exon 14 splice donor alteration (METex14 skipping)", "gene": "MET", "rule": {"kind": "exon", "exon": 14, "consequence": "splice_donor_variant"}},
    {"id": "MET_EX14_SPLICE_ACCEPTOR", "name": "MET exon 14 splice acceptor alteration (METex14 skipping)", "gene": "MET", "rule": {"kind": "exon", "exon": 14, "consequence": "splice_acceptor_variant"}},
    {"id": "MET_D1010", "name": "MET D1010 change at the last base of exon 14 (METex14 skipping)", "gene": "MET", "rule": {"kind": "proteinChange", "changes": ["D1010H", "D1010Y", "D1010N"]}},
    {"id": "MET_AMP", "name": "MET amplification", "gene": "MET", "rule": {"kind": "amplification", "minCopies": 5}},
    {"id": "PIK3CA_HOTSPOT", "name": "PIK3CA helical/kinase hotspot (E542K, E545K, H1047R/L)", "gene": "PIK3CA", "rule": {"kind": "proteinChange", "changes": ["E542K", "E545K", "H1047R", "H1047L"]}},
]

drugs += [
    {"name": "sotorasib", "class": "KRAS G12C inhibitor (covalent, inactive-state)", "targets": ["KRAS"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "adagrasib", "class": "KRAS G12C inhibitor (covalent, inactive-state)", "targets": ["KRAS"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "encorafenib", "class": "BRAF inhibitor", "targets": ["BRAF"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "binimetinib", "class": "MEK1/2 inhibitor", "targets": ["MAP2K1", "MAP2K2"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "dabrafenib", "class": "BRAF inhibitor", "targets": ["BRAF"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "trametinib", "class": "MEK1/2 inhibitor", "targets": ["MAP2K1", "MAP2K2"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "capmatinib", "class": "MET tyrosine-kinase inhibitor", "targets": ["MET"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "tepotinib", "class": "MET tyrosine-kinase inhibitor", "targets": ["MET"], "pgpSubstrate": "unknown", "pgpSource": "PGP_NOT_CURATED_ISSUE18"},
    {"name": "encorafenib + cetuximab", "class": "BRAF inhibitor with anti-EGFR antibody (BEACON CRC)", "targets": ["BRAF", "EGFR"], "pgpSubstrate": "unknown", "pgpSource": "PGP_BY_COMPONENT", "components": ["encorafenib", "cetuximab"]},
    {"name": "sotorasib + panitumumab", "class": "KRAS G12C inhibitor with anti-EGFR antibody (CodeBreaK 300)", "targets": ["KRAS", "EGFR"], "pgpSubstrate": "unknown", "pgpSource": "PGP_BY_COMPONENT", "components": ["sotorasib", "panitumumab"]},
    {"name": "adagrasib + cetuximab", "class": "KRAS G12C inhibitor with anti-EGFR antibody (KRYSTAL-1)", "targets": ["KRAS", "EGFR"], "pgpSubstrate": "unknown", "pgpSource": "PGP_BY_COMPONENT", "components": ["adagrasib", "cetuximab"]},
    {"name": "dabrafenib + trametinib", "class": "BRAF inhibitor with MEK inhibitor", "targets": ["BRAF", "MAP2K1", "MAP2K2"], "pgpSubstrate": "unknown", "pgpSource": "PGP_BY_COMPONENT", "components": ["dabrafenib", "trametinib"]},
    {"name": "encorafenib + binimetinib", "class": "BRAF inhibitor with MEK inhibitor (PHAROS)", "targets": ["BRAF", "MAP2K1", "MAP2K2"], "pgpSubstrate": "unknown", "pgpSource": "PGP_BY_COMPONENT", "components": ["encorafenib", "binimetinib"]},
]


def eff(biomarker, drug, effect, amp, tumours, setting, verified, sources, summary, oncokb=None):
    e = {"biomarker": biomarker, "drug": drug, "effect": effect, "oncokbLevel": oncokb, "ampLevel": amp, "tumorTypes": tumours}
    if setting:
        e["setting"] = setting
    e.update({"verified": verified, "sources": sources, "summary": summary})
    return e


LATER = {"line": "later-line"}
ANY = {"line": "any"}
# Solid tumours of oncotree.tsv other than colorectal and NSCLC (which has its own statement) (the tumour-agnostic dabrafenib + trametinib label excludes CRC; AML is not solid).
AGNOSTIC = ["PAAD", "CHOL", "STAD", "ESCA", "ESCC", "HNSC", "DIFG", "BRCA", "HGSOC", "BLCA", "PRAD", "SKCM", "HCC", "SCLC"]  # GBM (under DIFG) and LCLC (under NSCLC) are covered by their parents
effects += [
    # colorectal
    eff("BRAF_V600E", "cetuximab", "resistance", "IIC", ["COADREAD"], None, "S", ["CETUXIMAB_RAS_BRAF", "ROS2021_BRAF_CRC", "BEACON_NEJM2019"],
        "BRAF V600E in colorectal cancer: an anti-EGFR antibody without a BRAF inhibitor is unlikely to work (guideline summary in the NCBI Medical Genetics Summary; BEACON control arm cetuximab + irinotecan/FOLFIRI had median OS 5.4 months). Level set conservatively at AMP IIC: the guideline text was not re-read."),
    eff("BRAF_V600E", "panitumumab", "resistance", "IIC", ["COADREAD"], None, "S", ["CETUXIMAB_RAS_BRAF", "ROS2021_BRAF_CRC"],
        "BRAF V600E in colorectal cancer: an anti-EGFR antibody without a BRAF inhibitor is unlikely to work (NCBI Medical Genetics Summary). Level set conservatively at AMP IIC: the guideline text was not re-read."),
    eff("BRAF_V600E", "encorafenib + cetuximab", "sensitivity", "IA", ["COADREAD"], LATER, "S", ["BEACON_NEJM2019", "PHAROS_SNDA_2023", "ROS2021_BRAF_CRC"],
        "BRAF V600E metastatic colorectal cancer after 1-2 prior regimens: encorafenib + cetuximab improved overall survival over cetuximab + irinotecan/FOLFIRI (BEACON CRC, NEJM 2019); FDA-approved regimen after prior therapy (as restated in the 2023 PHAROS sNDA reports)."),
    eff("KRAS_G12C", "sotorasib + panitumumab", "sensitivity", "IA", ["COADREAD"], LATER, "S", ["LUMAKRAS_LABEL", "MOALMANAC_2025_02_07"],
        "KRAS G12C metastatic colorectal cancer: sotorasib with panitumumab (CodeBreaK 300) is an FDA-approved regimen (label indications changed 01/2025; MOAlmanac FDA entry of Feb 2025). Line of therapy as in the label (previously treated); label text not read in full."),
    eff("KRAS_G12C", "adagrasib + cetuximab", "sensitivity", "IA", ["COADREAD"], LATER, "S", ["KRAZATI_LABEL", "ADAGRASIB_CRC_FDA_2024"],
        "KRAS G12C locally advanced or metastatic colorectal cancer after fluoropyrimidine-, oxaliplatin- and irinotecan-based chemotherapy: adagrasib with cetuximab, FDA accelerated approval 21 Jun 2024 (KRYSTAL-1, ORR 34%)."),
    # lung
    eff("KRAS_G12C", "sotorasib", "sensitivity", "IA", ["NSCLC"], LATER, "S", ["SOTORASIB_NSCLC_FDA_2021"],
        "KRAS G12C NSCLC after at least one prior systemic therapy: sotorasib, FDA accelerated approval 28 May 2021 (CodeBreaK 100: ORR 36%, median DOR 10 months)."),
    eff("KRAS_G12C", "adagrasib", "sensitivity", "IA", ["NSCLC"], LATER, "S", ["KRAZATI_LABEL"],
        "KRAS G12C NSCLC after at least one prior systemic therapy: adagrasib single agent (FDA label, accelerated approval)."),
    eff("BRAF_V600E", "dabrafenib + trametinib", "sensitivity", "IA", ["NSCLC"], ANY, "S", ["DABRAFENIB_TRAMETINIB_NSCLC"],
        "BRAF V600E metastatic NSCLC: dabrafenib + trametinib is approved (US labelling from study BRF113928; EU SmPC)."),
    eff("BRAF_V600E", "encorafenib + binimetinib", "sensitivity", "IIC", ["NSCLC"], ANY, "L", ["PHAROS_SNDA_2023"],
        "BRAF V600E metastatic NSCLC: encorafenib + binimetinib met its ORR end point in the phase 2 PHAROS trial (n=98) and was filed with FDA (PDUFA Q4 2023). The approval was not found in this curation, so the level is AMP IIC until the label is checked."),
    eff("MET_EX14_SPLICE_DONOR", "capmatinib", "sensitivity", "IA", ["NSCLC"], ANY, "S", ["TABRECTA_LABEL"],
        "MET exon 14 skipping NSCLC: capmatinib (FDA label: metastatic NSCLC with a mutation that leads to MET exon 14 skipping; full approval supplement 10 Aug 2022)."),
    eff("MET_EX14_SPLICE_ACCEPTOR", "capmatinib", "sensitivity", "IA", ["NSCLC"], ANY, "S", ["TABRECTA_LABEL"],
        "MET exon 14 skipping NSCLC: capmatinib (FDA label: metastatic NSCLC with a mutation that leads to MET exon 14 skipping; full approval supplement 10 Aug 2022)."),
    eff("MET_D1010", "capmatinib", "sensitivity", "IA", ["NSCLC"], ANY, "L", ["TABRECTA_LABEL"],
        "MET D1010 changes at the last base of exon 14 are METex14-skipping mutations (g2t curation, not a label statement); capmatinib is labelled for mutations that lead to MET exon 14 skipping. The D1010 inference was not checked against a source."),
    eff("MET_EX14_SPLICE_DONOR", "tepotinib", "sensitivity", "IA", ["NSCLC"], ANY, "S", ["TEPMETKO_LABEL"],
        "MET exon 14 skipping NSCLC: tepotinib (FDA label; efficacy supplement approved 15 Feb 2024)."),
    eff("MET_EX14_SPLICE_ACCEPTOR", "tepotinib", "sensitivity", "IA", ["NSCLC"], ANY, "S", ["TEPMETKO_LABEL"],
        "MET exon 14 skipping NSCLC: tepotinib (FDA label; efficacy supplement approved 15 Feb 2024)."),
    eff("MET_D1010", "tepotinib", "sensitivity", "IA", ["NSCLC"], ANY, "L", ["TEPMETKO_LABEL"],
        "MET D1010 changes at the last base of exon 14 are METex14-skipping mutations (g2t curation, not a label statement); tepotinib is labelled for MET exon 14 skipping. The D1010 inference was not checked against a source."),
    # tumour-agnostic BRAF V600E (label excludes colorectal cancer)
    eff("BRAF_V600E", "dabrafenib + trametinib", "sensitivity", "IA", AGNOSTIC, LATER, "S", ["DABRAFENIB_TRAMETINIB_AGNOSTIC_FDA_2022"],
        "BRAF V600E unresectable or metastatic solid tumours that progressed after prior treatment with no satisfactory alternative: dabrafenib + trametinib, FDA accelerated approval 22 Jun 2022 (tumour-agnostic; NOT indicated in colorectal cancer, which is therefore left out of this scope)."),
]

informational += [
    {"biomarker": "MET_AMP", "statement": "MET amplification in EGFR-mutant NSCLC is a mechanism of acquired resistance to EGFR TKIs (about 5-22% after first-generation TKIs; the most frequent off-target mechanism after osimertinib), independent of EGFR mutation status. EGFR-TKI sensitivity from the EGFR mutation is still reported; the amplification explains why an EGFR TKI alone may stop working. Savolitinib + osimertinib has phase Ib/II evidence (TATTON ORR 33-67%; SAVANNAH) but no approval was found; tepotinib with an EGFR TKI was not sourced in this curation. Copy-number thresholds depend on the platform (TATTON: more activity with MET copy number >= 10).",
     "tumorTypes": ["NSCLC"], "level": "reviews and phase Ib/II trials; no FDA approval found (not scored)", "sources": ["MET_AMP_TKI_RESISTANCE_REVIEW", "LEONETTI2019", "TATTON_FINAL", "SAVANNAH_ELCC2025"]},
    {"biomarker": "BRAF_V600E", "statement": "Co-occurring BRAF V600E in EGFR-mutant NSCLC is an EGFR-independent (RAS-MAPK) mechanism of resistance to EGFR TKIs, including osimertinib. Context only: it changes no EGFR-TKI call.",
     "tumorTypes": ["NSCLC"], "level": "review (not scored)", "sources": ["LEONETTI2019"]},
    {"biomarker": "PIK3CA_HOTSPOT", "statement": "A PIK3CA hotspot mutation in EGFR-mutant NSCLC activates the PI3K pathway, an EGFR-independent mechanism of resistance to EGFR TKIs including osimertinib. Context only: it changes no EGFR-TKI call.",
     "tumorTypes": ["NSCLC"], "level": "review (not scored)", "sources": ["LEONETTI2019"]},
]
for codon, aa in ((12, "G"), (13, "G"), (61, "Q"), (146, "A")):
    informational.append({"biomarker": f"KRAS_{aa}{codon}X", "statement": "A KRAS mutation in EGFR-mutant NSCLC activates RAS-MAPK signalling, an EGFR-independent mechanism of resistance to EGFR TKIs including osimertinib (and to osimertinib + savolitinib in TATTON). Context only: it changes no EGFR-TKI call.",
                          "tumorTypes": ["NSCLC"], "level": "review and phase Ib trial (not scored)", "sources": ["LEONETTI2019", "TATTON_FINAL"]})

replace_panel_limits = [{
    "id": "COADREAD_ANTI_EGFR_RAS_BRAF", "tumorTypes": ["COADREAD"], "drugs": ["cetuximab", "panitumumab"], "genes": ["KRAS", "NRAS", "BRAF"],
    "statement": "Cetuximab and panitumumab in colorectal cancer need extended RAS/BRAF status: KRAS and NRAS codons 12, 13, 59, 61, 117 and 146 (exons 2, 3 and 4) wild type, and BRAF V600E status (with BRAF V600E, encorafenib + cetuximab is the regimen). g2t calls the tumour extended RAS/BRAF wild type only when every listed codon was assessed with a limit of detection at or below the threshold; any codon that was not is listed, and then eligibility must come from another test. An EGFR mutation is not a selection biomarker in colorectal cancer.",
    "sources": ["CETUXIMAB_RAS_BRAF", "VECTIBIX_ERBITUX_LABELS", "BEACON_NEJM2019"]}]

frag = {"_comment": "issue 18 additions; merge with scripts/panel18/merge_kb.py (see staging/PROVENANCE.md)",
        "sources": SOURCES, "drugs": drugs, "biomarkers": biomarkers, "effects": effects, "informational": informational,
        "replace": {"panelLimits": replace_panel_limits}}
with open(OUT, "w") as f:
    json.dump(frag, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(f"{OUT}: {len(SOURCES)} sources, {len(drugs)} drugs, {len(biomarkers)} biomarkers, {len(effects)} effects, {len(informational)} informational")
