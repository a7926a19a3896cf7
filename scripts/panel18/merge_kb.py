#!/usr/bin/env python3
"""Merges staging/kb-additions.json into a COPY of the knowledge base and validates it.
Usage: merge_kb.py KB.json ADDITIONS.json OUT.json [SCHEMA]   (refuses duplicate ids/keys; OUT must differ from KB)"""
import json
import sys

import jsonschema

kb_path, add_path, out_path = sys.argv[1:4]
schema_path = sys.argv[4] if len(sys.argv) > 4 else None
assert out_path != kb_path, "write to a copy"
kb, add = json.load(open(kb_path)), json.load(open(add_path))
for k, v in add["sources"].items():
    assert k not in kb["sources"], f"source {k} exists"
    kb["sources"][k] = v
names = {d["name"] for d in kb["drugs"]}
for d in add["drugs"]:
    assert d["name"] not in names, f"drug {d['name']} exists"
    kb["drugs"].append(d)
ids = {b["id"] for b in kb["biomarkers"]}
for b in add["biomarkers"]:
    assert b["id"] not in ids, f"biomarker {b['id']} exists"
    kb["biomarkers"].append(b)
ids |= {b["id"] for b in add["biomarkers"]}
names |= {d["name"] for d in add["drugs"]}
for e in add["effects"] + add["informational"]:
    assert e["biomarker"] in ids, f"unknown biomarker {e['biomarker']}"
    assert "drug" not in e or e["drug"] in names, f"unknown drug {e.get('drug')}"
    for s in e["sources"]:
        assert s in kb["sources"], f"unknown source {s}"
for d in add["drugs"]:
    for c in d.get("components", []):
        assert c in names, f"unknown component {c}"
    assert d["pgpSource"] in kb["sources"]
kb["effects"] += add["effects"]
kb["informational"] += add["informational"]
for p in add.get("replace", {}).get("panelLimits", []):
    kb["panelLimits"] = [q for q in kb["panelLimits"] if q["id"] != p["id"]] + [p]
with open(out_path, "w") as f:
    json.dump(kb, f, indent=2, ensure_ascii=False)
    f.write("\n")
if schema_path:
    errors = list(jsonschema.Draft202012Validator(json.load(open(schema_path))).iter_errors(kb))
    for e in errors[:10]:
        print("INVALID:", "/".join(map(str, e.path)), e.message)
    print(f"{out_path}: {'valid' if not errors else f'{len(errors)} schema errors'} against {schema_path}")
    sys.exit(1 if errors else 0)
