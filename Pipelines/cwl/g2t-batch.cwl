#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: Workflow
label: g2t over many samples (scatter)
doc: One `g2t pipeline` step per sample; the arrays are parallel (sample i has reads[i], tumor_types[i]). The lab's thresholds (config), knowledge base and panel of normals apply to every sample.
requirements:
  ScatterFeatureRequirement: {}
inputs:
  reads: File[]
  samples: string[]
  tumor_types: string[]
  kb: File?
  config:
    doc: thresholds JSON (as `g2t config show` prints them), as --config for every sample
    type: File?
  pon: File?
  amplicons:
    doc: amplicon design (or primer BED) of the batch's amplicon panel, as --amplicons for every sample (leave out for hybrid capture; a batch mixing designs runs as one batch per design)
    type: File?
  umi_tag:
    doc: the SAM tag holding the UMIs, as --umi-tag for every sample (default RX, used automatically when the reads carry it)
    type: string?
outputs:
  reports:
    type: Directory[]
    outputSource: pipeline/report_dir
  report_json:
    type: File[]
    outputSource: pipeline/report_json
steps:
  pipeline:
    run: g2t-pipeline.cwl
    scatter: [reads, sample, tumor_type]
    scatterMethod: dotproduct
    in:
      reads: reads
      sample: samples
      tumor_type: tumor_types
      kb: kb
      config: config
      pon: pon
      amplicons: amplicons
      umi_tag: umi_tag
    out: [report_dir, report_json]
