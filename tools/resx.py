#!/usr/bin/env python3
"""Writes Resources/SharedResource.en.resx and .km.resx from Resources/strings.tsv (key, English, Khmer)."""
import pathlib
import sys
from xml.sax.saxutils import escape

root = pathlib.Path(__file__).resolve().parent.parent / "src" / "VillageHive" / "Resources"
rows = []
for n, line in enumerate((root / "strings.tsv").read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        sys.exit(f"strings.tsv line {n}: expected key, English and Khmer separated by tabs")
    rows.append(parts)
keys = [r[0] for r in rows]
dupes = {k for k in keys if keys.count(k) > 1}
if dupes:
    sys.exit(f"duplicate keys: {sorted(dupes)}")

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from strings.tsv by tools/resx.py; edit the TSV, not this file. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for culture, col in (("en", 1), ("km", 2)):
    body = "".join(
        f'  <data name="{escape(r[0], {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n'
        for r in sorted(rows))
    (root / f"SharedResource.{culture}.resx").write_text(HEAD + body + "</root>\n", encoding="utf-8")
print(f"{len(rows)} strings written")
