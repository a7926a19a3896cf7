#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: CommandLineTool
label: g2t pipeline — call, annotate, score and report one sample
doc: |
  Runs `g2t pipeline` on one BAM/CRAM/VCF and returns the report directory
  (ID.report.json, ID.report.html, ID.g2t.vcf.gz and the TSV exports).
hints:
  DockerRequirement:
    dockerPull: localhost/g2t:latest
  ResourceRequirement:
    coresMin: 1
    ramMin: 500
requirements:
  InlineJavascriptRequirement: {}
baseCommand: [g2t, pipeline]
arguments:
  - {prefix: --out, valueFrom: $(runtime.outdir)/$(inputs.sample)}
  - {prefix: --threads, valueFrom: $(runtime.cores)}
inputs:
  reads:
    type: File
    secondaryFiles: [{pattern: .bai, required: false}, {pattern: .crai, required: false}, {pattern: .tbi, required: false}]
    inputBinding: {position: 1}
  sample:
    type: string
    inputBinding: {prefix: --sample}
  tumor_type:
    type: string?
    inputBinding: {prefix: --tumor-type}
  pon:
    type: File?
    inputBinding: {prefix: --pon}
  normal:
    type: File?
    secondaryFiles: [{pattern: .bai, required: false}, {pattern: .crai, required: false}]
    inputBinding: {prefix: --normal}
  purity:
    type: float?
    inputBinding: {prefix: --purity}
  config:
    doc: thresholds JSON (as `g2t config show` prints them), as --config
    type: File?
    inputBinding: {prefix: --config}
  amplicons:
    doc: amplicon design (chrom, start, end, name, left/right primer length; docs/architecture.md), as --amplicons
    type: File?
    inputBinding: {prefix: --amplicons}
  umi_tag:
    doc: the SAM tag holding the reads' UMIs (default RX, used automatically when the reads carry it), as --umi-tag
    type: string?
    inputBinding: {prefix: --umi-tag}
  abcb1_expression:
    type: float?
    inputBinding: {prefix: --abcb1-expression}
  prior_therapy:
    doc: drugs the patient has had (INN or alias), one --prior-therapy each
    type:
      - "null"
      - type: array
        items: string
        inputBinding: {prefix: --prior-therapy}
    inputBinding: {position: 2}
  kb:
    type: File?
    inputBinding: {prefix: --kb}
outputs:
  report_dir:
    type: Directory
    outputBinding: {glob: $(inputs.sample)}
  report_json:
    type: File
    outputBinding: {glob: $(inputs.sample)/$(inputs.sample).report.json}
