"""What the edit-latency benchmarks ask of a running `wsis serve`: a free
port, when a file shows a marker, and when the open pages are told to
reload."""
import socket, threading, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(path, marker, t0, limit=60):
    """Milliseconds from t0 until the file at `path` holds `marker`."""
    while True:
        try:
            with open(path, encoding="utf-8") as f:
                if marker in f.read():
                    return (time.time() - t0) * 1000
        except FileNotFoundError:
            pass
        if time.time() - t0 > limit:
            raise SystemExit(f"{path} never changed")
        time.sleep(0.002)


def reload_waiter(base):
    """Starts waiting, as an open page does, for the build after the
    current one (`base` is the server's /__wsis address); returns a
    function giving when the answer came."""
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
