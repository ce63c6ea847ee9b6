#!/usr/bin/env python3
"""Loopback HTTP/1.1 server for the HTTPClient tests.

Binds 127.0.0.1 on an ephemeral port, prints the port on stdout, serves until killed.
Every endpoint reports what it saw so the Swift tests can check both directions.

  ANY  /echo[?delay=S]       JSON: method, path, headers (pairs, in order), length, sha256,
                              body_hex (bodies up to 64 KiB), port (the client's TCP port)
  GET  /bytes/N              N pattern bytes, honest Content-Length, X-Content-Sha256
  GET  /chunked/N            N pattern bytes, chunked (no Content-Length)
  GET  /lying/CLAIMED/ACTUAL Content-Length CLAIMED, ACTUAL bytes sent, connection closed
  GET  /headers              duplicate response headers
  GET  /status/N             empty response with status N
  GET  /redirect             302 to /echo
  GET  /loop                 302 to /loop
  GET  /stall                Content-Length 1000, 10 bytes, then silence for 60 s
  GET  /slow?seconds=S       waits S seconds before answering
"""
import hashlib
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATTERN = bytes(range(256)) * 256  # 64 KiB


def pattern_chunks(count):
    remaining = count
    while remaining > 0:
        chunk = PATTERN[: min(remaining, len(PATTERN))]
        remaining -= len(chunk)
        yield chunk


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _query(self):
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _echo(self):
        delay = float(self._query().get("delay", ["0"])[0])
        length = int(self.headers.get("Content-Length", "0"))
        digest = hashlib.sha256()
        kept = bytearray()
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            digest.update(chunk)
            if len(kept) < 65536:
                kept.extend(chunk[: 65536 - len(kept)])
            remaining -= len(chunk)
        if delay:
            time.sleep(delay)
        report = {
            "method": self.command,
            "path": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "length": length - remaining,
            "sha256": digest.hexdigest(),
            "body_hex": kept.hex() if length <= 65536 else "",
            "port": self.client_address[1],
        }
        self._send(200, json.dumps(report).encode(), [("Content-Type", "application/json")])

    def _route(self):
        path = urllib.parse.urlsplit(self.path).path
        parts = [p for p in path.split("/") if p]
        if not parts:
            return self._send(404)
        head = parts[0]
        if head == "echo":
            return self._echo()
        if head == "bytes":
            count = int(parts[1])
            digest = hashlib.sha256()
            for chunk in pattern_chunks(count):
                digest.update(chunk)
            self.send_response(200)
            self.send_header("Content-Length", str(count))
            self.send_header("X-Content-Sha256", digest.hexdigest())
            self.end_headers()
            if self.command != "HEAD":
                for chunk in pattern_chunks(count):
                    self.wfile.write(chunk)
            return
        if head == "chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in pattern_chunks(int(parts[1])):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            return
        if head == "lying":
            claimed, actual = int(parts[1]), int(parts[2])
            self.send_response(200)
            self.send_header("Content-Length", str(claimed))
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in pattern_chunks(actual):
                self.wfile.write(chunk)
            self.close_connection = True
            return
        if head == "headers":
            return self._send(200, b"ok", [("X-Dup", "one"), ("X-Dup", "two"), ("Set-Cookie", "a=1"),
                                           ("Set-Cookie", "b=2"), ("X-Mixed-Case", "Value")])
        if head == "status":
            return self._send(int(parts[1]), b"status body")
        if head == "redirect":
            return self._send(302, b"", [("Location", "/echo")])
        if head == "loop":
            return self._send(302, b"", [("Location", "/loop")])
        if head == "stall":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.wfile.flush()
            time.sleep(60)
            self.close_connection = True
            return
        if head == "slow":
            time.sleep(float(self._query().get("seconds", ["10"])[0]))
            return self._send(200, b"late")
        return self._send(404)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = _route


def exit_when_parent_goes():
    """The test process holds our stdin open; EOF means it is gone, even if it died without stopping us."""
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    # The launching thread may have SIGTERM blocked, and the mask is inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
