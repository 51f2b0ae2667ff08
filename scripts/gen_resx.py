#!/usr/bin/env python3
"""Writes src/Maillage.Web/Resources/SharedResource(.en).resx from scripts/resx_texts.py and scripts/texts/*.py.

Each file under scripts/texts/ defines TEXTS = {key: (French, English)} for one feature; a key defined twice fails."""
import os
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(here, "resx_texts.py"), encoding="utf-8").read())
texts_dir = os.path.join(here, "texts")
for name in sorted(os.listdir(texts_dir)) if os.path.isdir(texts_dir) else []:
    if not name.endswith(".py"):
        continue
    scope = {}
    exec(open(os.path.join(texts_dir, name), encoding="utf-8").read(), scope)
    for key, value in scope["TEXTS"].items():
        if key in T:
            raise SystemExit(f"{name}: text key {key} is defined twice")
        if not (isinstance(value, tuple) and len(value) == 2):
            raise SystemExit(f"{name}: {key} must be (French, English)")
        T[key] = value
out = os.path.join(here, "..", "src", "Maillage.Web", "Resources")
os.makedirs(out, exist_ok=True)
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for index, suffix in ((0, ""), (1, ".en")):
    with open(os.path.join(out, f"SharedResource{suffix}.resx"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(T):
            f.write(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(T[key][index])}</value></data>\n')
        f.write("</root>\n")
print(f"{len(T)} texts written")
