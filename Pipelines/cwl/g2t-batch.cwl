#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: Workflow
label: g2t over many samples (scatter)
doc: One `g2t pipeline` step per sample; the arrays are parallel (sample i has reads[i], tumor_types[i] and, when given, amplicons[i]). The lab's thresholds (config), knowledge base and panel of normals apply to every sample.
requirements:
  ScatterFeatureRequirement: {}
  StepInputExpressionRequirement: {}
  InlineJavascriptRequirement: {}
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
    doc: one amplicon design (or primer BED) per sample, parallel to samples, as that sample's --amplicons (null for a hybrid-capture sample; leave the array out when no sample is an amplicon library), as the sheet column `amplicons` is per sample in Snakemake
    type:
      - "null"
      - type: array
        items: ["null", File]
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
      # Not scattered (it may be left out): each sample takes its own entry; a length that differs from
      # samples' stops the run with a message instead of pairing a sample with another's design.
      all_samples: samples
      amplicons:
        source: amplicons
        valueFrom: |
          ${
            if (self === null) { return null; }
            if (self.length !== inputs.all_samples.length) {
              throw "amplicons: " + self.length + " entries for " + inputs.all_samples.length + " samples: give one amplicon file (or null) per sample";
            }
            return self[inputs.all_samples.indexOf(inputs.sample)];
          }
      umi_tag: umi_tag
    out: [report_dir, report_json]
