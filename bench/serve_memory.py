#!/usr/bin/env python3
"""Memory of `wsis serve` over many edits: starts the server on a
synthetic corpus, saves one HLT session EDITS times (its body each time,
its title every tenth time, which rebuilds the site; the last edit is a
body's, on the fast path), waits for each edit
to reach the output, and prints the server's resident memory (VmRSS)
every hundred edits, then the growth from the first hundred to the end.
Also checks, at the end, that the output is the same as a fresh build's
(files removed included).

Usage: bench/serve_memory.py [SESSIONS [EDITS]]   (default: 2000 1000)
Builds with --no-pdf: the briefs' typesetting is measured by bench/run.sh."""
import filecmp, os, shutil, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
subprocess.run(["cargo", "build", "--release", "-q"], check=True)
subprocess.run(["cargo", "build", "--release", "-q", "--example", "gen_corpus"], check=True)

work = tempfile.mkdtemp(prefix="wsis-serve-memory-")
content, output, fresh = (os.path.join(work, d) for d in ("content", "served", "fresh"))
forums = max(10, sessions // 100)
subprocess.run(["target/release/examples/gen_corpus", content, str(forums), str(sessions // forums)],
               check=True, stdout=subprocess.DEVNULL)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def wait_for(path, marker):
    started = time.time()
    while time.time() - started < 60:
        try:
            with open(path, encoding="utf-8") as f:
                if marker in f.read():
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"{path} never showed {marker!r}")

proc = subprocess.Popen(["target/release/wsis", "serve", "--no-pdf", "--content", content, "--output", output,
                         "--port", str(free_port())], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    for line in proc.stdout:
        if line.startswith("Serving"):
            break
    # Keep reading what serve prints, so it never blocks on a full pipe.
    import threading
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    session = os.path.join(content, "forums/1900/hlt/session-00003.md")
    page = os.path.join(output, "forums/1900/hlt/session-00003/index.html")
    with open(session, encoding="utf-8") as f:
        original = f.read()
    head, body = original.split("\n---\n", 1)
    print(f"{'edits':>6} {'rss_mb':>8}")
    first = None
    for i in range(1, edits + 1):
        marker = f"edit{i:05d}"
        # Every tenth edit retitles (a full rebuild); the last is a quick one,
        # so the comparison below holds serve's fast path to a fresh build.
        title = f"title: Session retitled {i}" if i % 10 == 5 else None
        new_head = head
        if title:
            new_head = "\n".join(title if l.startswith("title:") else l for l in head.split("\n"))
        with open(session + ".tmp", "w", encoding="utf-8") as f:
            f.write(f"{new_head}\n---\n{body}\nWords of {marker}.\n")
        os.replace(session + ".tmp", session)
        wait_for(page, marker)
        if i % 100 == 0:
            mb = rss_mb(proc.pid)
            first = first or mb
            print(f"{i:>6} {mb:>8.1f}", flush=True)
    time.sleep(1)
    last = rss_mb(proc.pid)
    print(f"growth from 100 edits to {edits}: {last - first:+.1f} MB ({(last / first - 1) * 100:+.1f}%)")
finally:
    proc.kill()
    proc.wait()

subprocess.run(["target/release/wsis", "build", "--no-pdf", "--content", content, "--output", fresh],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def differ(a, b):
    c = filecmp.dircmp(a, b)
    out = [os.path.join(a, n) for n in c.left_only + c.right_only + c.diff_files + c.funny_files]
    for sub in c.common_dirs:
        out += differ(os.path.join(a, sub), os.path.join(b, sub))
    return out
diffs = differ(output, fresh)
print("output equals a fresh build's" if not diffs else f"{len(diffs)} files differ from a fresh build: {diffs[:5]}")
shutil.rmtree(work)
