"""A loopback CloudEvents receiver for callback tests: prints its port, records every POST.

POST /ok        200
POST /flaky     503 for the first request of each event type, then 200 (exercises retries)
POST /dead      500 always
GET  /events    the recorded POSTs as JSON: [{"path", "headers": {lower-case name: value}, "body", "at"}]
Exits when its stdin closes.
"""
import http.server
import json
import sys
import threading
import time

events = []
failed_once = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        record = {
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body.decode("utf-8"),
            "at": time.monotonic(),
        }
        kind = record["headers"].get("ce-type", "")
        with lock:
            events.append(record)
            first = kind not in failed_once
            failed_once.add(kind)
        if self.path == "/dead":
            self.reply(500)
        elif self.path == "/flaky" and first:
            self.reply(503)
        else:
            self.reply(200)

    def do_GET(self):
        with lock:
            body = json.dumps(events).encode()
        self.reply(200, body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
server.serve_forever()
