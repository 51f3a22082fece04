#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli card: export (JSON, Markdown, HTML, PDF), edit, history, errors; prediction
runs and the counts of `project list`; printed as TAP.

The JSON export follows SageMaker's model card schema: six sections, evaluation metrics as
metric_groups of simple metrics, the confusion matrix as a `matrix` metric, the ROC curve as a
`linear_graph` of at most 20 points (each a point of the full curve `train --curves`
printed) and column impact as a `bar_chart`. The PDF must open in poppler (pdfinfo) and its
pages must render (pdftoppm) to images that are not blank."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

cli = os.path.join(os.environ["EASEL_BUILD_DIR"], "src", "cli", "easel-cli")
samples = os.path.join(os.environ["EASEL_SOURCE_DIR"], "data", "samples")
tmp = tempfile.mkdtemp()
results = []

SECTIONS = ["model_overview", "intended_uses", "business_details", "training_details",
            "evaluation_details", "additional_information"]
TITLES = ["Model overview", "Intended uses", "Business details", "Training details",
          "Evaluation details", "Additional information"]


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def skip(name, why):
    results.append((name, None, why))


def run(*args):
    return subprocess.run([cli, *args], capture_output=True, text=True)


def metrics_of(card, kind):
    out = []
    for ev in card.get("evaluation_details", []):
        for group in ev.get("metric_groups", []):
            for m in group.get("metric_data", []):
                if m.get("type") == kind:
                    out.append(m)
    return out


p = os.path.join(tmp, "cards.easel")
run("project", "new", p)
r = run("train", os.path.join(samples, "penguins.csv"), "--target", "sex", "--algorithm", "logistic",
        "--project", p, "--name", "sex", "--json", "--curves")
check("train into the project", r.returncode == 0, r.stderr)
trained = json.loads(r.stdout) if r.returncode == 0 else {}
full_roc = list(zip(trained.get("metrics", {}).get("roc_curve", {}).get("fpr", []),
                    trained.get("metrics", {}).get("roc_curve", {}).get("tpr", [])))

# JSON
out = os.path.join(tmp, "card.json")
r = run("card", "export", "--project", p, "--model", "sex", "--format", "json", "--output", out)
check("export json", r.returncode == 0, r.stderr)
card = json.load(open(out)) if r.returncode == 0 else {}
check("json: the six sections, nothing else", sorted(card) == sorted(SECTIONS), sorted(card))
overview = card.get("model_overview", {})
check("json: model name and version", overview.get("model_name") == "sex" and overview.get("model_version") == 1,
      overview)
check("json: problem and algorithm", overview.get("problem_type") == "Binary Classification"
      and overview.get("algorithm_type") == "Logistic regression", overview)
check("json: risk rating Unknown until someone rates it",
      card.get("intended_uses", {}).get("risk_rating") == "Unknown", card.get("intended_uses"))
job = card.get("training_details", {}).get("training_job_details", {})
check("json: training data and hyper-parameters", job.get("training_datasets") == ["penguins"]
      and any(h.get("name") == "C" for h in job.get("hyper_parameters", [])), job)
simple = {m["name"]: m["value"] for m in metrics_of(card, "number")}
want = {k: v for k, v in trained.get("metrics", {}).items() if isinstance(v, float)}
check("json: simple metrics are the evaluation's", want and all(abs(simple.get(k, 1e9) - v) < 1e-12
                                                               for k, v in want.items()), (simple, want))
matrices = metrics_of(card, "matrix")
check("json: the confusion matrix as a matrix metric",
      len(matrices) == 1 and matrices[0]["value"] == trained.get("metrics", {}).get("confusion_matrix")
      and matrices[0].get("x_axis_name") == trained.get("classes"), matrices)
graphs = metrics_of(card, "linear_graph")
roc = graphs[0]["value"] if len(graphs) == 1 else []
check("json: the ROC curve as a linear_graph of 2 to 20 points", 2 <= len(roc) <= 20, len(roc))
check("json: ROC from (0, 0) to (1, 1), rising", roc and roc[0] == [0, 0] and roc[-1] == [1, 1]
      and all(a[0] <= b[0] and a[1] <= b[1] for a, b in zip(roc, roc[1:])), roc)
on_curve = [pt for pt in roc if any(abs(pt[0] - x) < 1e-12 and abs(pt[1] - y) < 1e-12 for x, y in full_roc)]
check("json: every ROC point is a point of the full curve", len(full_roc) > len(roc) and on_curve == roc,
      (len(full_roc), roc))
bars = metrics_of(card, "bar_chart")
check("json: column impact as a bar_chart", len(bars) == 1 and len(bars[0]["value"]) == len(bars[0]["x_axis_name"])
      and abs(sum(bars[0]["value"]) - 1) < 1e-9 and "species" in bars[0]["x_axis_name"], bars)

# Markdown
md = os.path.join(tmp, "card.md")
r = run("card", "export", "--project", p, "--model", "sex@1", "--format", "md", "--output", md)
text = open(md).read() if r.returncode == 0 else ""
check("markdown: every section", r.returncode == 0 and all(f"\n## {t}\n" in text for t in TITLES),
      [t for t in TITLES if f"## {t}" not in text])
check("markdown: metrics, matrix and curve tables", "| accuracy |" in text and "| **female** |" in text
      and "| False positive rate | True positive rate |" in text, text[:300])
r = run("card", "export", "--project", p, "--model", "sex", "--format", "md")
check("markdown to standard output", r.returncode == 0 and r.stdout == text, r.stderr)

# HTML
html_path = os.path.join(tmp, "card.html")
r = run("card", "export", "--project", p, "--model", "sex", "--format", "html", "--output", html_path)
html = open(html_path).read() if r.returncode == 0 else ""
check("html: written", r.returncode == 0 and html.startswith("<!DOCTYPE html>"), r.stderr)
check("html: charts inline as <svg>", html.count("<svg") == 3, html.count("<svg"))
refs = re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', html)
check("html: no external src or href", all(v.startswith("#") for v in refs), [v for v in refs if not v.startswith("#")])
check("html: no scripts, stylesheets or URLs", "<script" not in html and "<link" not in html
      and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
      .replace('xmlns:xlink="http://www.w3.org/1999/xlink"', "") and "https://" not in html, "")
ids = re.findall(r'\bid="([^"]*)"', html)
check("html: ids unique across charts", len(ids) == len(set(ids)), len(ids) - len(set(ids)))
check("html: every section", all(f"<h2>{t}</h2>" in html for t in TITLES), "")

# PDF
pdfinfo, pdftoppm = shutil.which("pdfinfo"), shutil.which("pdftoppm")


def page_darkness(pgm):
    """Share of pixels darker than white in a binary PGM (P5)."""
    data = open(pgm, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        m = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(m.group(2))
        pos = m.end()
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + w * h]
    return sum(1 for b in pixels if b < 200) / max(1, len(pixels))


for paper, size in (("a4", "595.276 x 841.89"), ("letter", "612 x 792")):
    pdf = os.path.join(tmp, f"card-{paper}.pdf")
    r = run("card", "export", "--project", p, "--model", "sex", "--format", "pdf", "--paper", paper,
            "--output", pdf)
    check(f"pdf {paper}: written", r.returncode == 0 and open(pdf, "rb").read(5) == b"%PDF-", r.stderr)
    if not pdfinfo or not pdftoppm:
        skip(f"pdf {paper}: opens and renders", "poppler-utils (pdfinfo, pdftoppm) not installed")
        continue
    info = subprocess.run([pdfinfo, pdf], capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1)) if info.returncode == 0 else 0
    check(f"pdf {paper}: pdfinfo opens it, pages >= 1", info.returncode == 0 and pages >= 1, info.stderr)
    check(f"pdf {paper}: paper size", size in info.stdout, info.stdout)
    prefix = os.path.join(tmp, f"page-{paper}")
    rr = subprocess.run([pdftoppm, "-gray", "-r", "30", pdf, prefix], capture_output=True, text=True)
    images = sorted(f for f in os.listdir(tmp) if f.startswith(f"page-{paper}") and f.endswith(".pgm"))
    dark = [page_darkness(os.path.join(tmp, f)) for f in images]
    check(f"pdf {paper}: every page renders and is not blank",
          rr.returncode == 0 and len(images) == pages and all(d > 0.005 for d in dark), (rr.stderr, dark))

# Edits
r = run("card", "edit", "--project", p, "--model", "sex", "--who", "ann",
        "--set", "intended_uses.risk_rating=high",
        "--set", "model_overview.model_owner=Field team",
        "--set", "additional_information.custom_details.ticket=ML-7")
check("edit", r.returncode == 0 and "revision 1" in r.stdout, r.stderr)
r = run("card", "edit", "--project", p, "--model", "sex@1", "--who", "bob", "--json",
        "--set", "evaluation_details.0.evaluation_observation=Fine on held-out rows.")
check("edit again: revision 2", r.returncode == 0 and json.loads(r.stdout).get("revision") == 2, r.stdout + r.stderr)
r = run("card", "export", "--project", p, "--model", "sex", "--format", "json")
edited = json.loads(r.stdout) if r.returncode == 0 else {}
check("edits persist across reopening", edited.get("intended_uses", {}).get("risk_rating") == "High"
      and edited.get("model_overview", {}).get("model_owner") == "Field team"
      and edited.get("additional_information", {}).get("custom_details", {}).get("ticket") == "ML-7"
      and edited.get("evaluation_details", [{}])[0].get("evaluation_observation") == "Fine on held-out rows.",
      edited.get("intended_uses"))
r = run("card", "export", "--project", p, "--model", "sex", "--format", "json", "--revision", "1")
first = json.loads(r.stdout) if r.returncode == 0 else {}
check("an older revision", "evaluation_observation" not in first.get("evaluation_details", [{}])[0]
      and first.get("intended_uses", {}).get("risk_rating") == "High", r.stderr)
r = run("card", "history", "--project", p, "--model", "sex", "--json")
history = json.loads(r.stdout) if r.returncode == 0 else {}
check("history: who and when", [(h["revision"], h["who"]) for h in history.get("revisions", [])]
      == [(1, "ann"), (2, "bob")] and all(h["created"] for h in history.get("revisions", [])), history)

from_file = os.path.join(tmp, "from.json")
json.dump({"intended_uses": {"purpose_of_model": "Sexing penguins in the field."},
           "model_overview": {"model_name": "ignored"}}, open(from_file, "w"))
r = run("card", "edit", "--project", p, "--model", "sex", "--from", from_file)
r2 = run("card", "export", "--project", p, "--model", "sex", "--format", "json")
again = json.loads(r2.stdout) if r2.returncode == 0 else {}
check("edit --from a card JSON", r.returncode == 0
      and again.get("intended_uses", {}).get("purpose_of_model") == "Sexing penguins in the field."
      and again.get("model_overview", {}).get("model_name") == "sex", r.stderr)

# Errors
r = run("card", "edit", "--project", p, "--model", "sex", "--set", "intended_uses.colour=red")
check("unknown field: exit 1 naming it", r.returncode == 1 and "“intended_uses.colour”" in r.stderr, r.stderr)
r = run("card", "edit", "--project", p, "--model", "sex", "--set", "intended_uses.risk_rating=Severe")
check("bad value: exit 1 naming the field and the choices", r.returncode == 1
      and "intended_uses.risk_rating" in r.stderr and "High, Medium, Low, Unknown" in r.stderr, r.stderr)
r = run("card", "edit", "--project", p, "--model", "sex", "--set", "model_overview.model_version=9")
check("a field Easel fills in: exit 1", r.returncode == 1 and "model_overview.model_version" in r.stderr, r.stderr)
json.dump({"business_details": {"budget": "large"}}, open(from_file, "w"))
r = run("card", "edit", "--project", p, "--model", "sex", "--from", from_file)
check("--from with an unknown field: exit 1 naming it", r.returncode == 1
      and "“business_details.budget”" in r.stderr, r.stderr)
r = run("card", "history", "--project", p, "--model", "sex", "--json")
check("failed edits add no revision", r.returncode == 0 and len(json.loads(r.stdout)["revisions"]) == 3, r.stdout)
r = run("card", "export", "--project", p, "--model", "nope", "--format", "md")
check("unknown model: exit 1 naming it", r.returncode == 1 and "“nope”" in r.stderr, r.stderr)
r = run("card", "export", "--project", p, "--model", "sex", "--format", "docx")
check("unknown format: exit 2", r.returncode == 2 and "docx" in r.stderr, r.stderr)
r = run("card", "export", "--project", p, "--model", "sex", "--format", "pdf", "--paper", "a3",
        "--output", os.path.join(tmp, "x.pdf"))
check("unknown paper: exit 2", r.returncode == 2 and "a3" in r.stderr, r.stderr)

# Prediction runs and the counts in project list
r = run("predict", "--project", p, "--model", "sex", "--input", os.path.join(samples, "penguins.csv"),
        "--output", os.path.join(tmp, "pred.csv"))
check("predict --project", r.returncode == 0, r.stderr)
r = run("project", "list", p, "--json")
listing = json.loads(r.stdout) if r.returncode == 0 else {}
check("project list: cards, revisions, runs", (listing.get("cards"), listing.get("card_revisions"),
                                               listing.get("prediction_runs")) == (1, 3, 1), listing)

for i, (name, ok, detail) in enumerate(results, 1):
    if ok is None:
        print(f"ok {i} - {name} # SKIP {detail}")
    else:
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            print(f"# {str(detail)[:2000]}")
print(f"1..{len(results)}")
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(0)
