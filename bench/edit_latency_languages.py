"""The six-language half of bench/edit_latency.py (see its docstring)."""
import os, socket, statistics, subprocess, threading, time, urllib.request

PEERS = os.path.join("..", "shared", "peers", "gen_corpus.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(path, marker, t0):
    while True:
        try:
            with open(path, encoding="utf-8") as f:
                if marker in f.read():
                    return (time.time() - t0) * 1000
        except FileNotFoundError:
            pass
        if time.time() - t0 > 60:
            raise SystemExit(f"{path} never changed")
        time.sleep(0.002)


def reload_waiter(base):
    """Waits, as an open page does, for the build after the current one;
    returns a function giving when the answer came."""
    seen = urllib.request.urlopen(f"{base}/version").read().decode()
    told = {}

    def wait():
        urllib.request.urlopen(f"{base}/wait?v={seen}", timeout=120).read()
        told["at"] = time.time()

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.05)

    def answered():
        waiter.join()
        return told["at"]

    return answered


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
        body, body_reload, fr_body, title, title_reload, zh_title = [], [], [], [], [], []
        for i in range(8):
            for lang, times, reloads in ((codes[0], body, body_reload), ("fr", fr_body, None)):
                marker = f"edit-marker-{lang}-{i}-{time.time_ns()}"
                answered = reload_waiter(base)
                with open(source(lang), "a", encoding="utf-8") as f:
                    f.write(f"\n{marker}\n")
                t0 = time.time()
                times.append(wait_for(page(lang), marker, t0))
                at = answered()
                if reloads is not None:
                    reloads.append((at - t0) * 1000)
                time.sleep(2.5)
            for lang, times, reloads in ((codes[0], title, title_reload), ("zh", zh_title, None)):
                new = f"Retitled {lang} {i} {time.time_ns()}"
                answered = reload_waiter(base)
                retitle(source(lang), new)
                t0 = time.time()
                times.append(wait_for(forum(lang), new, t0))
                at = answered()
                if reloads is not None:
                    reloads.append((at - t0) * 1000)
                time.sleep(2.5)
        proc.terminate()
        proc.wait()
        med = statistics.median
        print(f"{n:<10}{len(codes):<11}{med(body):<9.0f}{med(body_reload):<16.0f}{med(fr_body):<12.0f}"
              f"{med(title):<10.0f}{med(title_reload):<17.0f}{med(zh_title):<13.0f}{initial:<16.2f}")
