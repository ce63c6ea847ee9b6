"""A loopback implementation of the AWS Lambda Runtime API (2018-06-01) for tests.

Usage: lambda_runtime_api.py [--hold] EVENT_FILE...   each file's content is one invocation body, handed
out in order by GET /2018-06-01/runtime/invocation/next (request ids req-1, req-2, …, a deadline 60 s
ahead, a trace id). Once they are all handed out, /next answers 410 so the runtime leaves its loop; with
--hold it never answers instead, as Lambda does while no invocation is waiting.
Records POSTs to …/invocation/{id}/response, …/invocation/{id}/error and /runtime/init/error.
GET /log returns the record as JSON. Prints its port; exits when stdin closes.
"""
import http.server
import json
import sys
import threading
import time

hold = "--hold" in sys.argv[1:]
bodies = [open(path, "rb").read() for path in sys.argv[1:] if path != "--hold"]
log = []
lock = threading.Lock()
PREFIX = "/2018-06-01/runtime"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/log":
            with lock:
                self.reply(200, json.dumps(log).encode())
            return
        if self.path != PREFIX + "/invocation/next":
            self.reply(404)
            return
        with lock:
            handed = sum(1 for entry in log if entry["kind"] == "next")
            log.append({"kind": "next"})
        if handed >= len(bodies) and hold:
            time.sleep(3600)
            return
        if handed >= len(bodies):
            self.reply(410, b'{"errorMessage":"no more invocations"}')
            return
        deadline = int((time.time() + 60) * 1000)
        self.reply(200, bodies[handed], [
            ("Lambda-Runtime-Aws-Request-Id", "req-%d" % (handed + 1)),
            ("Lambda-Runtime-Deadline-Ms", str(deadline)),
            ("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:onejob"),
            ("Content-Type", "application/json"),
        ])

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        path = self.path
        entry = {"body": body, "errorType": self.headers.get("Lambda-Runtime-Function-Error-Type")}
        if path == PREFIX + "/init/error":
            entry["kind"] = "init-error"
        elif path.startswith(PREFIX + "/invocation/") and path.endswith("/response"):
            entry["kind"] = "response"
            entry["requestId"] = path.split("/")[-2]
        elif path.startswith(PREFIX + "/invocation/") and path.endswith("/error"):
            entry["kind"] = "error"
            entry["requestId"] = path.split("/")[-2]
        else:
            self.reply(404)
            return
        with lock:
            log.append(entry)
        self.reply(202, b'{"status":"OK"}')


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
server.serve_forever()
