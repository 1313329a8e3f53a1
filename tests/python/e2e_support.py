"""What the Python end-to-end tests (tests/coral, tests/browser) share:
`modfilter serve` as a child process, started on a free loopback port (read
from its "listening ... port=N" log line) and stopped with SIGTERM; and
checks that print "ok"/"FAIL" lines and give the exit status."""

import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.request


class ServeProcess:
    def __init__(self, modfilter, args, timeout=20.0):
        self.log = tempfile.NamedTemporaryFile(prefix="modfilter-serve-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [modfilter, "serve", "--listen", "127.0.0.1:0", "--threads", "8"] + list(args),
            stdout=subprocess.DEVNULL, stderr=self.log)
        self.port = self._wait_for_port(timeout)
        self.base = "http://127.0.0.1:%d" % self.port
        self._wait_until_ready(timeout)

    def _log_text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _wait_for_port(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"listening.* port=(\d+)", self._log_text())
            if found:
                return int(found.group(1))
            if self.process.poll() is not None:
                raise RuntimeError("modfilter serve exited: " + self._log_text())
            time.sleep(0.02)
        raise RuntimeError("modfilter serve did not listen: " + self._log_text())

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("modfilter serve did not become ready: " + self._log_text())

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.unlink(self.log.name)
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Checks:
    """check(condition, what) prints the outcome and remembers failures;
    exit_code() summarises them for CTest."""

    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            self.failures.append(what)

    def exit_code(self):
        print("%d failed" % len(self.failures))
        return 1 if self.failures else 0
