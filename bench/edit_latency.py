#!/usr/bin/env python3
"""Edit-to-page latency of `wsis serve`: for each corpus size, starts the
server, edits one HLT session's body several times, and prints how long it
took from saving the file to the rebuilt page being written in the output,
to the open pages being told to reload (the answer to their
`/__wsis/wait`), and to the forum's HTML brief (which holds every
session) following it; then, for an edit of the session's title (which
changes the listings naming it), the time to the forum's page naming the
new title and to the reload signal.

With --languages (say en,fr,es,ar,zh,ru), on the six-language corpus of
../shared/peers/gen_corpus.py (every document translated into each
language), it times instead, median of 8 each: a body edit of an original
(to its page, and to the reload signal), a body edit of its French
translation (to the French page), a title edit of the original (to the
forum's page naming it) and a title edit of its Chinese translation (to the
Chinese forum page naming it).

Usage: bench/edit_latency.py [--languages CODES] [SESSIONS ...]   (default: 1000 10000)
Needs the corpora from bench/run.sh, or builds them."""
import os, subprocess, sys, time, statistics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
args = sys.argv[1:]
languages = None
if "--languages" in args:
    at = args.index("--languages")
    languages = args[at + 1]
    del args[at:at + 2]
sizes = [int(a) for a in args] or [1000, 10000]
subprocess.run(["cargo", "build", "--release", "-q"], check=True)
subprocess.run(["cargo", "build", "--release", "-q", "--example", "gen_corpus"], check=True)

from serve_probe import free_port, reload_waiter, wait_for

if languages:
    from edit_latency_languages import run
    run(sizes, languages)
    sys.exit(0)

print(f"{'sessions':<10}{'median_ms':<12}{'max_ms':<10}{'reload_median_ms':<18}{'brief_median_ms':<17}"
      f"{'title_page_ms':<17}{'title_reload_ms':<19}{'initial_build_s':<16}")
for n in sizes:
    content = f"bench/corpus/content-{n}"
    output = f"bench/corpus/serve-{n}"
    forums = max(10, n // 100)  # a hundred sessions a forum, as bench/run.sh
    subprocess.run(["target/release/examples/gen_corpus", content, str(forums), str(n // forums)], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    started = time.time()
    proc = subprocess.Popen(["target/release/wsis", "serve", "--content", content, "--output", output, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("Serving"):
            break
    initial = time.time() - started
    session = os.path.join(content, "forums/1900/hlt/session-00003.md")
    page = os.path.join(output, "forums/1900/hlt/session-00003/index.html")
    brief = os.path.join(output, "forums/1900/brief/index.html")
    times, brief_times, reload_times = [], [], []
    base = f"http://127.0.0.1:{port}/__wsis"

    for i in range(8):
        marker = f"edit-marker-{i}-{time.time_ns()}"
        answered = reload_waiter(base)
        with open(session, "a") as f:
            f.write(f"\n{marker}\n")
        t0 = time.time()
        times.append(wait_for(page, marker, t0))
        reload_times.append((answered() - t0) * 1000)
        brief_times.append(wait_for(brief, marker, t0))
        time.sleep(1.0)
    # A title edit changes the listings that name the session: the forum's
    # page among them, and the pages are told to reload once it is written.
    forum_page = os.path.join(output, "forums/1900/index.html")
    title_times, title_reload = [], []
    for i in range(4):
        title = f"Retitled session {i} {time.time_ns()}"
        answered = reload_waiter(base)
        with open(session) as f:
            text = f.read()
        text = "\n".join(f"title: {title}" if l.startswith("title:") else l for l in text.split("\n"))
        with open(session, "w") as f:
            f.write(text)
        t0 = time.time()
        title_times.append(wait_for(forum_page, title, t0))
        title_reload.append((answered() - t0) * 1000)
        time.sleep(2.0)
    proc.terminate()
    proc.wait()
    print(f"{n:<10}{statistics.median(times):<12.0f}{max(times):<10.0f}{statistics.median(reload_times):<18.0f}{statistics.median(brief_times):<17.0f}"
          f"{statistics.median(title_times):<17.0f}{statistics.median(title_reload):<19.0f}{initial:<16.2f}")
