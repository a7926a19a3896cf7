// The report view's names for its template (`ReportTemplate`), one `switch` per struct of the view.
//
// Why: a Mustache library finds a name in a struct with `Mirror` (walking and boxing every stored
// property, per tag and for every enclosing context the name is searched in); reflecting the whole
// view once into name tables instead still cost ~5% of a demo run (issue 17). A switch costs
// nothing to build and a few string compares per look-up.
//
// Each switch answers what `Mirror` finds (swift-mustache's `Mirror.getValue`): the property of that
// name, an optional unwrapped (nil when it holds nothing, so the look-up goes on to the enclosing
// context), nil for any other name. `TemplateNamesTests` compares every struct's switch with
// `Mirror` on a view with every section filled: a property missing here fails it.

extension ReportView: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "disclaimer": .text(disclaimer)
        case "fields": .nodes(fields)
        case "hasPhases": .flag(hasPhases)
        case "phases": .nodes(phases)
        case "hasGenotypes": .flag(hasGenotypes)
        case "genotypes": .nodes(genotypes)
        case "sampleId": .text(sampleId)
        case "tumorType": .text(tumorType)
        case "build": .text(build)
        case "referenceSource": .text(referenceSource)
        case "date": .text(date)
        case "softwareVersion": .text(softwareVersion)
        case "htslibVersion": .text(htslibVersion)
        case "kbName": .text(kbName)
        case "kbVersion": .text(kbVersion)
        case "kbSha256": .text(kbSha256)
        case "kbDataDate": kbDataDate.map(TemplateValue.text)
        case "summaryLines": .nodes(summaryLines)
        case "hasTherapies": .flag(hasTherapies)
        case "therapies": .nodes(therapies)
        case "hasVariants": .flag(hasVariants)
        case "variants": .nodes(variants)
        case "hasGermline": .flag(hasGermline)
        case "germline": .nodes(germline)
        case "germlineCount": .text(germlineCount)
        case "variantsOmitted": variantsOmitted.map(TemplateValue.text)
        case "germlineOmitted": germlineOmitted.map(TemplateValue.text)
        case "hasVariantCounts": .flag(hasVariantCounts)
        case "variantCounts": .nodes(variantCounts)
        case "originBasis": .text(originBasis)
        case "purityText": .text(purityText)
        case "subclonalBelow": .text(subclonalBelow)
        case "tumourOnly": .flag(tumourOnly)
        case "transcripts": .text(transcripts)
        case "hotspots": .nodes(hotspots)
        case "meanDepth": .text(meanDepth)
        case "genesWithoutReads": genesWithoutReads.map(TemplateValue.text)
        case "damage": .texts(damage)
        case "amplicons": amplicons.map { TemplateValue.node($0) }
        case "umi": umi.map { TemplateValue.node($0) }
        case "targets": .nodes(targets)
        case "minHotspotDepth": .text(minHotspotDepth)
        case "minMappingQuality": .text(minMappingQuality)
        case "minBaseQuality": .text(minBaseQuality)
        case "minAltFragments": .text(minAltFragments)
        case "minVAFPercent": .text(minVAFPercent)
        case "excludedFlags": .text(excludedFlags)
        case "thresholds": .texts(thresholds)
        case "phasingMaxDistance": .text(phasingMaxDistance)
        case "hotspotMinAlt": .text(hotspotMinAlt)
        case "hotspotMinVAFPercent": .text(hotspotMinVAFPercent)
        case "maxLODPercent": .text(maxLODPercent)
        case "minLOD": .text(minLOD)
        case "hotspotMinLOD": .text(hotspotMinLOD)
        case "inputs": .nodes(inputs)
        case "notes": .texts(notes)
        case "hasCoverage": .flag(hasCoverage)
        case "hasCopyNumber": .flag(hasCopyNumber)
        case "copyNumber": .nodes(copyNumber)
        case "expression": .nodes(expression)
        case "mdrRisk": .text(mdrRisk)
        case "mdrText": .text(mdrText)
        case "mdrLevel": .text(mdrLevel)
        case "mdrEvidence": .texts(mdrEvidence)
        case "mdrNotAssessed": .texts(mdrNotAssessed)
        case "mdrSources": mdrSources.map(TemplateValue.text)
        case "hasInformational": .flag(hasInformational)
        case "informational": .nodes(informational)
        case "coverageBars": .nodes(coverageBars)
        case "chartWidth": .text(chartWidth)
        case "thresholdY": .text(thresholdY)
        case "maxDepthLabel": .text(maxDepthLabel)
        case "hasVAFPlot": .flag(hasVAFPlot)
        case "vafDots": .nodes(vafDots)
        case "vafHeight": .text(vafHeight)
        default: nil
        }
    }
}

extension ReportView.Line: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "text": .text(text)
        case "cssClass": .text(cssClass)
        default: nil
        }
    }
}

extension ReportView.Evidence: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "effect": .text(effect)
        case "biomarker": .text(biomarker)
        case "matchedBy": .text(matchedBy)
        case "levels": .text(levels)
        case "sources": .text(sources)
        default: nil
        }
    }
}

extension ReportView.Therapy: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "drug": .text(drug)
        case "drugClass": .text(drugClass)
        case "pgp": .text(pgp)
        case "call": .text(call)
        case "score": .text(score)
        case "explanation": .text(explanation)
        case "mdrRisk": .text(mdrRisk)
        case "mdrNote": mdrNote.map(TemplateValue.text)
        case "context": context.map(TemplateValue.text)
        case "setting": setting.map(TemplateValue.text)
        case "panelLimit": panelLimit.map(TemplateValue.text)
        case "evidence": .nodes(evidence)
        default: nil
        }
    }
}

extension ReportView.CopyNumber: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "log2Ratio": .text(log2Ratio)
        case "copies": .text(copies)
        case "status": .text(status)
        case "targets": .text(targets)
        case "note": .text(note)
        default: nil
        }
    }
}

extension ReportView.Expression: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "tpm": .text(tpm)
        case "source": .text(source)
        default: nil
        }
    }
}

extension ReportView.Informational: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "biomarker": .text(biomarker)
        case "matchedBy": .text(matchedBy)
        case "statement": .text(statement)
        case "level": .text(level)
        case "sources": .text(sources)
        default: nil
        }
    }
}

extension ReportView.Variant: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "hgvsc": .text(hgvsc)
        case "hgvsp": .text(hgvsp)
        case "hgvspShort": .text(hgvspShort)
        case "consequence": .text(consequence)
        case "exon": .text(exon)
        case "chrom": .text(chrom)
        case "pos": .text(pos)
        case "ref": .text(ref)
        case "alt": .text(alt)
        case "vafPercent": .text(vafPercent)
        case "depth": .text(depth)
        case "altDepth": .text(altDepth)
        case "filter": .text(filter)
        case "tier": .text(tier)
        case "origin": .text(origin)
        case "originEvidence": .text(originEvidence)
        case "ccf": .text(ccf)
        case "zygosity": .text(zygosity)
        case "population": .text(population)
        default: nil
        }
    }
}

extension ReportView.Field: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "value": .text(value)
        default: nil
        }
    }
}

extension ReportView.Genotype: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "name": .text(self.name)
        case "rsid": .text(rsid)
        case "position": .text(position)
        case "genotype": .text(genotype)
        case "status": .text(status)
        case "depth": .text(depth)
        case "quality": .text(quality)
        default: nil
        }
    }
}

extension ReportView.Phase: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "variants": .text(variants)
        case "relation": .text(relation)
        case "both": .text(both)
        case "firstOnly": .text(firstOnly)
        case "secondOnly": .text(secondOnly)
        case "neither": .text(neither)
        default: nil
        }
    }
}

extension ReportView.Hotspot: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "hgvsc": .text(hgvsc)
        case "hgvsp": .text(hgvsp)
        case "status": .text(status)
        case "depth": .text(depth)
        case "altDepth": .text(altDepth)
        case "vafPercent": .text(vafPercent)
        case "lodPercent": .text(lodPercent)
        default: nil
        }
    }
}

extension ReportView.Target: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "exon": .text(exon)
        case "chrom": .text(chrom)
        case "start": .text(start)
        case "end": .text(end)
        case "meanDepth": .text(meanDepth)
        case "minDepth": .text(minDepth)
        case "coveredPercent": .text(coveredPercent)
        default: nil
        }
    }
}

extension ReportView.Input: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "path": .text(path)
        case "format": .text(format)
        case "sha256": .text(sha256)
        default: nil
        }
    }
}

extension ReportView.Bar: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "x": .text(x)
        case "y": .text(y)
        case "width": .text(width)
        case "height": .text(height)
        case "cssClass": .text(cssClass)
        case "label": .text(label)
        default: nil
        }
    }
}

extension ReportView.Dot: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "cx": .text(cx)
        case "cy": .text(cy)
        case "label": .text(label)
        default: nil
        }
    }
}

extension ReportView.CountRow: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "by": .text(by)
        case "value": .text(value)
        case "count": .text(count)
        default: nil
        }
    }
}

extension ReportView.AmpliconRow: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "region": .text(region)
        case "insert": .text(insert)
        case "fragments": .text(fragments)
        case "meanDepth": .text(meanDepth)
        case "status": .text(status)
        case "dropout": .flag(dropout)
        default: nil
        }
    }
}

extension ReportView.AmpliconSection: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "file": .text(file)
        case "rows": .nodes(rows)
        case "summary": .text(summary)
        case "unmatchedReads": .text(unmatchedReads)
        case "primersTrimmed": .flag(primersTrimmed)
        case "dropoutRule": .text(dropoutRule)
        default: nil
        }
    }
}

extension ReportView.UMISection: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "tag": .text(tag)
        case "readsTagged": .text(readsTagged)
        case "readsUntagged": .text(readsUntagged)
        case "readsMalformed": .text(readsMalformed)
        case "families": .text(families)
        case "singletons": .text(singletons)
        case "duplexFamilies": .text(duplexFamilies)
        case "molecules": .text(molecules)
        case "malformedReasons": malformedReasons.map(TemplateValue.text)
        case "histogram": .nodes(histogram)
        case "histogramWidth": .text(histogramWidth)
        case "histogramMax": .text(histogramMax)
        case "targets": .nodes(targets)
        case "statements": .texts(statements)
        case "errors": .text(errors)
        default: nil
        }
    }
}

extension ReportView.UMISection.TargetRow: TemplateNode {
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "gene": .text(gene)
        case "exon": .text(exon)
        case "rawDepth": .text(rawDepth)
        case "molecules": .text(molecules)
        case "families": .text(families)
        case "singletons": .text(singletons)
        case "duplexPercent": .text(duplexPercent)
        case "histogram": .nodes(histogram)
        default: nil
        }
    }
}
