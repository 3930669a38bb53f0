"""`make serve` as the benchmark runs it, the memory of its workers, and one timed request.

Only 127.0.0.1 is spoken to.
"""

import gzip
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def processes():
    """{pid: (parent pid, command line)} of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        found[int(entry.name)] = (int(stat.rpartition(")")[2].split()[1]), cmdline)
    return found


def is_gunicorn(cmdline):
    """Whether the process runs gunicorn (`python …/gunicorn …`), not merely names it (`sh -c "… gunicorn …"`)."""
    return any(Path(os.fsdecode(arg)).name == "gunicorn" for arg in cmdline.split(b"\0")[:2])


def gunicorn_workers(root):
    """The gunicorn workers under process `root`: gunicorn processes whose parent is gunicorn (the arbiter)."""
    table = processes()
    descendants, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (parent, _) in table.items() if parent in frontier} - descendants
        descendants |= frontier
    return sorted(
        pid for pid in descendants if is_gunicorn(table[pid][1]) and is_gunicorn(table.get(table[pid][0], (0, b""))[1])
    )


def resident_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


class WorkerMemory(threading.Thread):
    """Samples the VmRSS of every gunicorn worker every 20 ms; begin() and end() frame one page's requests."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.root, self.lock, self.stopping = root, threading.Lock(), threading.Event()
        self.workers, self.peak = gunicorn_workers(root), {}

    def run(self):
        rescan = 0
        while not self.stopping.is_set():
            if time.monotonic() >= rescan:
                self.workers, rescan = gunicorn_workers(self.root), time.monotonic() + 0.5
            self.sample()
            self.stopping.wait(0.02)

    def sample(self):
        with self.lock:
            for pid in self.workers:
                kib = resident_kib(pid)
                if kib is not None:
                    self.peak[pid] = max(kib, self.peak.get(pid, 0))

    def begin(self):
        with self.lock:
            self.peak = {}
        self.sample()
        with self.lock:
            return dict(self.peak)

    def end(self):
        self.sample()
        with self.lock:
            return dict(self.peak)

    def stop(self):
        self.stopping.set()
        self.join(5)


class Server:
    """`make serve` on a free loopback port, with the production settings; stopped with its process group."""

    def __init__(self, env, label):
        self.env, self.port = env, int(env["PORT"])
        self.log_path = Path(tempfile.gettempdir()) / f"catalogue-bench-serve-{label}.log"

    def __enter__(self):
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve exited with {self.process.returncode}; see {self.log_path}")
            if fetch(self.port, "/healthz", timeout=2).status == 200 and gunicorn_workers(self.process.pid):
                self.memory = WorkerMemory(self.process.pid)
                self.memory.start()
                return self
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"The server did not answer /healthz within 180 s; see {self.log_path}")

    def __exit__(self, *exc):
        if getattr(self, "memory", None):
            self.memory.stop()
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.log.close()


# --- Requests -----------------------------------------------------------------------------------------------


class Result:
    def __init__(self, status, seconds, body=b"", wire=None, error=""):
        self.status, self.seconds, self.body, self.wire, self.error = status, seconds, body, wire, error


def fetch(port, path, timeout):
    """GET `path` from 127.0.0.1:`port`, asking for gzip, reading the whole body within `timeout` seconds in all."""
    started = time.monotonic()
    deadline = started + timeout
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", "Connection": "close"})
        sock = connection.sock
        response = connection.getresponse()
        chunks = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
            chunk = response.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        seconds = time.monotonic() - started
        body = b"".join(chunks)
        if response.getheader("Content-Encoding") == "gzip":
            return Result(response.status, seconds, gzip.decompress(body), wire=len(body))
        return Result(response.status, seconds, body)
    except TimeoutError:
        return Result(None, time.monotonic() - started, error="timeout")
    except (OSError, http.client.HTTPException) as error:
        return Result(None, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()
