"""Validates PDF files against PDF/A-2a and PDF/UA-1 with page-validation
(an independent checker, installed by .ci/run) and prints one JSON line:
{"checked": N, "failures": ["file profile rule message", ...]}.

Its rule PDFA2A-STREAM-LENGTH-001 has a known false positive when a
stream's data ends in a CR byte; such a finding is dropped only after
checking, in the file itself, that the stream really is that case."""
import json, re, sys

import page


def stream_ends_in_cr(data, number):
    """Whether object `number`'s stream data, /Length bytes long, ends in CR."""
    m = re.search(rb"(^|\s)%d 0 obj" % number, data)
    if not m:
        return False
    start = data.index(b"stream", m.start())
    length = re.search(rb"/Length (\d+)", data[m.start():start])
    if not length:
        return False
    body = start + len(b"stream")
    body += 2 if data[body:body + 2] == b"\r\n" else 1
    end = body + int(length.group(1))
    return data[end - 1:end] == b"\r"


failures, checked = [], 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    for profile in ("2a", "ua1"):
        checked += 1
        report = page.validate_pdf(path, profile=profile)
        for f in report.failures:
            known = f.rule_id == "PDFA2A-STREAM-LENGTH-001" and f.object_id is not None \
                and stream_ends_in_cr(data, f.object_id.object_number)
            if not known:
                failures.append(f"{path} {profile} {f.rule_id} {f.message}")
print(json.dumps({"checked": checked, "failures": failures}))
