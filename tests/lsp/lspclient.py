"""A small Language Server Protocol client for tests and the bench: starts
`quotelens lsp`, frames messages, and reads what the server sends on a
thread, so a test can wait for a response or a notification with a
timeout."""
import json
import os
import queue
import subprocess
import threading
import time


class Client:
    def __init__(self, ql, env=None, cwd=None, reader=True):
        self.proc = subprocess.Popen([ql, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd)
        self.inbox = queue.Queue()
        self.kept = []  # messages read while waiting for another
        self.next_id = 1
        if reader:  # else the caller reads self.proc.stdout itself
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode().partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    @staticmethod
    def frame(obj):
        body = json.dumps(obj).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, obj):
        self.raw(self.frame(obj))

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request_msg(self, method, params=None):
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        self.next_id += 1
        if params is not None:
            msg["params"] = params
        return msg

    def request(self, method, params=None, timeout=10):
        msg = self.request_msg(method, params)
        self.send(msg)
        return self.wait(lambda m: m.get("id") == msg["id"] and "method" not in m, timeout)

    def wait(self, pred, timeout=10):
        """The first message (kept or new) for which pred holds; others are kept."""
        for i, m in enumerate(self.kept):
            if pred(m):
                return self.kept.pop(i)
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                raise TimeoutError("no such message within %ss; kept: %s" % (timeout, self.kept[-5:]))
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if m is None:
                raise EOFError("the server closed its output (status %s): %s" %
                               (self.proc.wait(), self.proc.stderr.read().decode()[-2000:]))
            if pred(m):
                return m
            self.kept.append(m)

    def diagnostics(self, uri, pred=lambda d: True, timeout=10):
        """The next publishDiagnostics for uri whose list satisfies pred."""
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and
                      m["params"]["uri"] == uri and pred(m["params"]["diagnostics"]), timeout)
        return m["params"]

    def close(self, timeout=10):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout)


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
