#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (jsonschema package; Debian python3-jsonschema).
usage: validate-json.py SCHEMA FILE... — prints one line per invalid file and exits 1 if any."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    for e in errors[:3]:
        print(f"{path}: {'/'.join(str(p) for p in e.path) or '(top)'}: {e.message}")
    bad += bool(errors)
print(f"{len(sys.argv) - 2 - bad} valid, {bad} invalid")
sys.exit(1 if bad else 0)
