"""The six-language half of bench/edit_latency.py (see its docstring)."""
import os, statistics, subprocess, time

from serve_probe import free_port, reload_waiter, wait_for

PEERS = os.path.join("..", "shared", "peers", "gen_corpus.py")


def append(path, marker):
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\n{marker}\n")


def retitle(path, title):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            lines[i] = f"title: {title}"
            break
        if line.startswith("{title:"):
            lines[i] = "{title: " + title + "}"
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def run(sizes, languages):
    codes = languages.split(",")
    print(f"{'sessions':<10}{'languages':<11}{'body_ms':<9}{'body_reload_ms':<16}{'fr_body_ms':<12}"
          f"{'title_ms':<10}{'title_reload_ms':<17}{'zh_title_ms':<13}{'initial_build_s':<16}")
    for n in sizes:
        root = f"bench/corpus/peers-{n}-{len(codes)}"
        content = os.path.join(root, "ours", "content")
        if not os.path.isdir(content):
            forums = max(1, n // 100)
            subprocess.run(["python3", PEERS, str(forums), str(n // forums), root, "--sites", "ours",
                            "--languages", languages], check=True, stdout=subprocess.DEVNULL)
        output = os.path.join(root, "served")
        year = sorted(os.listdir(os.path.join(content, "forums")))[0]
        hlt = os.path.join(content, "forums", year, "hlt")
        slug = sorted(f for f in os.listdir(hlt) if f.count(".") == 1)[0][:-3]
        port = free_port()
        started = time.time()
        proc = subprocess.Popen(["target/release/wsis", "serve", "--no-pdf", "--content", content, "--output", output,
                                 "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in proc.stdout:
            if line.startswith("Serving"):
                break
        initial = time.time() - started
        base = f"http://127.0.0.1:{port}/__wsis"
        page = lambda lang: os.path.join(output, "" if lang == codes[0] else lang, "forums", year, "hlt", slug, "index.html")
        forum = lambda lang: os.path.join(output, "" if lang == codes[0] else lang, "forums", year, "index.html")
        source = lambda lang: os.path.join(hlt, f"{slug}.md" if lang == codes[0] else f"{slug}.{lang}.md")
        # Each edit: its name, the language edited, how, and where it shows.
        edits = (("body", codes[0], append, page), ("fr_body", "fr", append, page),
                 ("title", codes[0], retitle, forum), ("zh_title", "zh", retitle, forum))
        times = {name: [] for name, *_ in edits}
        reloads = {name: [] for name, *_ in edits}
        for i in range(8):
            for name, lang, edit, shown in edits:
                marker = f"Edited {name} {i} {time.time_ns()}"
                answered = reload_waiter(base)
                edit(source(lang), marker)
                t0 = time.time()
                times[name].append(wait_for(shown(lang), marker, t0))
                reloads[name].append((answered() - t0) * 1000)
                time.sleep(2.5)
        proc.terminate()
        proc.wait()
        med = statistics.median
        print(f"{n:<10}{len(codes):<11}{med(times['body']):<9.0f}{med(reloads['body']):<16.0f}"
              f"{med(times['fr_body']):<12.0f}{med(times['title']):<10.0f}{med(reloads['title']):<17.0f}"
              f"{med(times['zh_title']):<13.0f}{initial:<16.2f}")
