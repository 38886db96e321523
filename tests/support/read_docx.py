#!/usr/bin/env python3
"""Independent reader of a .docx for the tests: only the standard library (zipfile,
xml.etree). Prints one JSON object describing the package and the document's blocks:

  {"names": [...], "bad_member": null, "dates": [[1980,1,1,0,0,0]],
   "content_types": {"/word/document.xml": "...", ...}, "defaults": {"rels": ..., "xml": ...},
   "main_target": "word/document.xml",
   "page": {"w": 11906, "h": 16838, "top": .., "bottom": .., "left": .., "right": ..},
   "font": "Times New Roman", "size": 28, "headers": ["default", "first"],
   "blocks": [{"type": "p", "text": .., "jc": .., "style": .., "first_line": ..,
               "bold": bool, "italic": bool, "size": ..},
              {"type": "tbl", "borders": ["nil", ..], "widths": [..],
               "rows": [[[paragraph, ...], [paragraph, ...]], ...]}],
   "paragraphs": ["every paragraph's text in reading order, tables included"]}
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def val(el, path, attr="val"):
    if el is None:
        return None
    found = el.find(path)
    return None if found is None else found.get(W + attr)


def text_of(p):
    out = []
    for el in p.iter():
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "br":
            out.append("\n")
    return "".join(out)


def size_of(p, run):
    size = val(run, W + "rPr/" + W + "sz")
    if size is None:
        size = val(p, W + "pPr/" + W + "rPr/" + W + "sz")
    return int(size) if size is not None else None


def paragraph(p, flat):
    runs = [r for r in p.findall(W + "r") if text_of(r)]
    ppr = p.find(W + "pPr")
    info = {
        "type": "p",
        "text": text_of(p),
        "jc": val(ppr, W + "jc"),
        "style": val(ppr, W + "pStyle"),
        "first_line": val(ppr, W + "ind", "firstLine"),
        "bold": bool(runs) and all(r.find(W + "rPr/" + W + "b") is not None for r in runs),
        "italic": bool(runs) and all(r.find(W + "rPr/" + W + "i") is not None for r in runs),
        "size": size_of(p, runs[0]) if runs else None,
    }
    flat.append(info["text"])
    return info


def main(path):
    z = zipfile.ZipFile(path)
    out = {"names": z.namelist(), "bad_member": z.testzip(),
           "dates": sorted({tuple(i.date_time) for i in z.infolist()})}
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    out["content_types"] = {o.get("PartName"): o.get("ContentType") for o in ct.iter(CT + "Override")}
    out["defaults"] = {d.get("Extension"): d.get("ContentType") for d in ct.iter(CT + "Default")}
    rels = ET.fromstring(z.read("_rels/.rels"))
    for r in rels.iter(REL + "Relationship"):
        if r.get("Type").endswith("/officeDocument"):
            out["main_target"] = r.get("Target")
    doc = ET.fromstring(z.read(out.get("main_target", "word/document.xml")))
    body = doc.find(W + "body")
    blocks, flat = [], []
    for el in body:
        if el.tag == W + "p":
            blocks.append(paragraph(el, flat))
        elif el.tag == W + "tbl":
            borders = [b.get(W + "val") for b in el.find(W + "tblPr/" + W + "tblBorders")]
            widths = [int(g.get(W + "w")) for g in el.iter(W + "gridCol")]
            rows = [[[paragraph(p, flat) for p in tc.findall(W + "p")] for tc in tr.findall(W + "tc")]
                    for tr in el.findall(W + "tr")]
            blocks.append({"type": "tbl", "borders": borders, "widths": widths, "rows": rows})
    out["blocks"], out["paragraphs"] = blocks, flat
    sect = body.find(W + "sectPr")
    size, mar = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    out["page"] = {"w": int(size.get(W + "w")), "h": int(size.get(W + "h")),
                   "top": int(mar.get(W + "top")), "bottom": int(mar.get(W + "bottom")),
                   "left": int(mar.get(W + "left")), "right": int(mar.get(W + "right"))}
    out["headers"] = [h.get(W + "type") for h in sect.findall(W + "headerReference")]
    styles = ET.fromstring(z.read("word/styles.xml"))
    rpr = styles.find(W + "docDefaults/" + W + "rPrDefault/" + W + "rPr")
    out["font"] = rpr.find(W + "rFonts").get(W + "ascii")
    out["size"] = int(rpr.find(W + "sz").get(W + "val"))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
