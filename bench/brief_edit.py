#!/usr/bin/env python3
"""What typesetting a forum's PDF brief again costs under `wsis serve`
after an edit of one session, against typesetting it fresh.

For each size, makes one forum of SESSIONS sessions (examples/gen_corpus),
starts `wsis serve` with WSIS_TIMINGS=1 on a fresh output folder (so the
brief cache is empty), and reads the brief's timing lines: the first is the
fresh typeset of the initial build; then it appends a line to one session's
body EDITS times (default 8), waiting each time for the brief to be
typeset again. The fresh figures are the first edit's: a brief typeset
from nothing in a server that is otherwise idle (the initial build's
brief is typeset while the pages are written, and varies with them).
Prints the medians of typesetting (typst's layout) and of writing the
PDF, fresh and after an edit, the ratios of the typesetting
and of the totals, and the server's peak and final resident memory (the
largest of the runs). serve's full build lets each brief's layouts go, as
a build does; the first edit's brief keeps its layouts for the next
edits, whose medians the edit columns give. The initial build's brief
total is printed apart (build_brief_ms). RUNS servers (default 3) are started in turn and
their figures pooled. WSIS=path times another binary of wsis.

Usage: bench/brief_edit.py [SESSIONS ...]   (default: 100 400)"""
import os, queue, re, shutil, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))
from serve_probe import free_port

sizes = [int(a) for a in sys.argv[1:]] or [100, 400]
edits = int(os.environ.get("EDITS", "8"))
runs = int(os.environ.get("RUNS", "3"))
subprocess.run(["cargo", "build", "--release", "-q"], check=True)
subprocess.run(["cargo", "build", "--release", "-q", "--example", "gen_corpus"], check=True)
LINE = re.compile(r"wsis-brief-\d+: (\d+) pages, typeset ([\d.]+)(µs|ms|s), written ([\d.]+)(µs|ms|s)")
UNIT = {"µs": 0.001, "ms": 1.0, "s": 1000.0}
WSIS = os.environ.get("WSIS", "target/release/wsis")


def memory_mb(pid):
    """The process's peak and current resident memory, in MB."""
    status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status") if ":" in l)
    return tuple(int(status[k].split()[0]) / 1024 for k in ("VmHWM", "VmRSS"))


def serve_once(content, work):
    """The fresh (typeset, written) and one pair for each edit, in ms."""
    output = os.path.join(work, "out")
    shutil.rmtree(output, ignore_errors=True)
    for cached in (".out.cache",):
        shutil.rmtree(os.path.join(work, cached), ignore_errors=True)
    env = dict(os.environ, WSIS_TIMINGS="1")
    proc = subprocess.Popen([WSIS, "serve", "--content", content, "--output", output,
                             "--port", str(free_port())],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    briefs = queue.Queue()

    def read_timings():
        for line in proc.stderr:
            m = LINE.search(line)
            if m:
                briefs.put((float(m[2]) * UNIT[m[3]], float(m[4]) * UNIT[m[5]], int(m[1])))

    threading.Thread(target=read_timings, daemon=True).start()
    for line in proc.stdout:
        if line.startswith("Serving"):
            break
    fresh = briefs.get(timeout=300)
    session = os.path.join(content, "forums/1900/hlt/session-00003.md")
    after = []
    try:
        for i in range(edits):
            time.sleep(0.5)
            with open(session, "a", encoding="utf-8") as f:
                f.write(f"\nA sentence added by edit {i} of {time.time_ns()}.\n")
            after.append(briefs.get(timeout=300))
        memory = memory_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
    return fresh, after, memory


print(f"{'sessions':<10}{'pages':<7}{'fresh_typeset_ms':<18}{'fresh_written_ms':<18}"
      f"{'edit_typeset_ms':<17}{'edit_written_ms':<17}{'typeset_ratio':<15}{'total_ratio':<13}"
      f"{'build_brief_ms':<16}{'peak_mb':<9}{'final_mb':<9}")
for n in sizes:
    work = tempfile.mkdtemp(prefix="wsis-brief-edit-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        content = os.path.join(work, "content")
        subprocess.run(["target/release/examples/gen_corpus", content, "1", str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        fresh, first, after, peak, final = [], [], [], 0, 0
        for _ in range(runs):
            f, a, (hwm, rss) = serve_once(content, work)
            first.append(f)
            fresh.append(a[0])
            after.extend(a[1:])
            peak, final = max(peak, hwm), max(final, rss)
        ft = statistics.median(x[0] for x in fresh)
        fw = statistics.median(x[1] for x in fresh)
        et = statistics.median(x[0] for x in after)
        ew = statistics.median(x[1] for x in after)
        pages = first[0][2]
        print(f"{n:<10}{pages:<7}{ft:<18.0f}{fw:<18.0f}{et:<17.0f}{ew:<17.0f}{et / ft:<15.2f}"
              f"{(et + ew) / (ft + fw):<13.2f}{statistics.median(x[0] + x[1] for x in first):<16.0f}"
              f"{peak:<9.0f}{final:<9.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
