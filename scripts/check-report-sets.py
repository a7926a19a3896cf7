#!/usr/bin/env python3
"""Checks every report set under an output directory (issue 13).

A set is ID.manifest.json plus the files it lists; it is complete and from one run exactly when
every listed file has the recorded SHA-256. Files of no verifying manifest are allowed only while
an interrupted publish is pending (a .g2t-tmp-* folder holding a manifest, which the next g2t run
into that directory finishes). With --final nothing may be pending.

Usage: check-report-sets.py DIR [--final]   (exit 1 and one line per problem when it fails)
"""
import hashlib, json, os, sys

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()

def check(root, final):
    problems, sets = [], 0
    for d, subdirs, files in os.walk(root):
        subdirs[:] = [s for s in subdirs if not s.startswith(".g2t-tmp-")]
        pending = [s for s in os.listdir(d) if s.startswith(".g2t-tmp-") and os.path.isdir(os.path.join(d, s))]
        ready = [s for s in pending if any(n.endswith(".manifest.json") for n in os.listdir(os.path.join(d, s)))]
        covered = set()
        for m in [f for f in files if f.endswith(".manifest.json")]:
            try:
                doc = json.load(open(os.path.join(d, m)))
            except ValueError as e:
                problems.append(f"{d}/{m}: not JSON ({e})")
                continue
            sets += 1
            covered.add(m)
            for e in doc["files"]:
                p = os.path.join(d, e["name"])
                covered.add(e["name"])
                if os.path.islink(p) or not os.path.isfile(p):
                    problems.append(f"{p}: listed in {m} but missing")
                elif sha256(p) != e["sha256"]:
                    problems.append(f"{p}: not the file {m} lists (mixed sets)")
        orphans = [f for f in files if f not in covered and not f.endswith(".pdf")]
        if orphans and not ready:
            problems.append(f"{d}: files of no verifying manifest and no pending publish: {sorted(orphans)}")
        if final and pending:
            problems.append(f"{d}: staging folders left after a clean run: {pending}")
        if final and orphans:
            problems.append(f"{d}: files of no manifest after a clean run: {sorted(orphans)}")
    return problems, sets

if __name__ == "__main__":
    problems, sets = check(sys.argv[1], "--final" in sys.argv[2:])
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{sets} report sets verified")
