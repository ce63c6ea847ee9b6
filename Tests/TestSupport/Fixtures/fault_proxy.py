#!/usr/bin/env python3
"""A fault-injecting HTTP/1.1 proxy between onejob and a real S3 server, for the fault tests.

    fault_proxy.py UPSTREAM_HOST:PORT PLAN_JSON LOG_PATH

Binds 127.0.0.1 on an ephemeral port, prints the port, and forwards every request byte for byte (the
Host header stays as the client sent it: SigV4 signs it and the server checks the signature). Exits
when its stdin closes.

PLAN_JSON is a list of rules; the first rule that matches a request and has uses left decides its fault:
    {"fault": "500", "kind": "UploadPart", "part": 2, "times": 1}
    {"fault": "stall", "index": 3}                       # the fourth request (0-based), whatever it is
    {"fault": "reset-response", "kind": "PutObject", "key": "result.json", "times": null}
`kind` is the S3 operation, `key` a suffix of the object key, `part` the part number, `index` the
request's position; `times` is how often the rule fires (1 = transient, null = persistent).

Faults:
    500             InternalError, S3 XML body; nothing forwarded
    503             SlowDown, S3 XML body; nothing forwarded
    400-timeout     RequestTimeout (400), S3 XML body; nothing forwarded
    reset-request   half the request body read (the headers, for a body-less request), then a TCP reset
    reset-response  forwarded; half the upstream's answer sent, then a TCP reset
    stall           half the request body read then silence (body-less requests: forwarded, half the
                    answer sent, then silence) for STALL_SECONDS
    garbled         nothing forwarded; an answer whose status line is not HTTP, then closed
    truncate        forwarded; the answer sent with a Content-Length larger than what follows, then closed
                    (an answer that cannot have a body, 204 or HEAD, is cut inside its headers; libcurl
                    takes such an answer as complete once its status line arrived)

LOG_PATH gets one JSON line per request as it arrives: index, kind, method, key, part, fault.
"""
import json
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse

STALL_SECONDS = 120
UPSTREAM = None
RULES = []
LOG = None
LOCK = threading.Lock()
COUNTER = [0]


def classify(method, target):
    """The S3 operation, bucket-relative key and part number of a path-style request."""
    split = urllib.parse.urlsplit(target)
    query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
    parts = urllib.parse.unquote(split.path).lstrip("/").split("/", 1)
    key = parts[1] if len(parts) > 1 else ""
    part = int(query["partNumber"][0]) if "partNumber" in query else None
    if method == "POST" and "uploads" in query:
        kind = "CreateMultipartUpload"
    elif method == "PUT" and part is not None:
        kind = "UploadPart"
    elif method == "POST" and "uploadId" in query:
        kind = "CompleteMultipartUpload"
    elif method == "DELETE" and "uploadId" in query:
        kind = "AbortMultipartUpload"
    elif method == "GET" and "uploads" in query:
        kind = "ListMultipartUploads"
    elif method == "PUT":
        kind = "PutObject"
    elif method == "GET":
        kind = "GetObject"
    elif method == "HEAD":
        kind = "HeadObject"
    elif method == "DELETE":
        kind = "DeleteObject"
    else:
        kind = method
    return kind, key, part


def choose_fault(index, kind, key, part):
    with LOCK:
        for rule in RULES:
            if rule.get("times") is not None and rule["times"] <= 0:
                continue
            if "index" in rule and rule["index"] != index:
                continue
            if "kind" in rule and rule["kind"] != kind:
                continue
            if "key" in rule and not key.endswith(rule["key"]):
                continue
            if "part" in rule and rule["part"] != part:
                continue
            if rule.get("times") is not None:
                rule["times"] -= 1
            return rule["fault"]
    return None


def log(entry):
    with LOCK:
        LOG.write(json.dumps(entry) + "\n")
        LOG.flush()


def error_document(status, code, message):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
        "<RequestId>fault-proxy</RequestId></Error>" % (code, message)
    ).encode()
    reason = {500: "Internal Server Error", 503: "Service Unavailable", 400: "Bad Request"}[status]
    head = "HTTP/1.1 %d %s\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n\r\n" % (status, reason, len(body))
    return head.encode() + body


ERRORS = {
    "500": (500, "InternalError", "We encountered an internal error. Please try again."),
    "503": (503, "SlowDown", "Please reduce your request rate."),
    "400-timeout": (
        400,
        "RequestTimeout",
        "Your socket connection to the server was not read from or written to within the timeout period.",
    ),
}


def read_head(reader):
    """Bytes up to and including the blank line, or b"" at end of stream."""
    lines = []
    while True:
        line = reader.readline(65536)
        if not line:
            return b""
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)


def header(head, name):
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            field, value = line.split(b":", 1)
            if field.strip().lower() == name:
                return value.strip().decode("latin-1")
    return None


def read_chunked(reader):
    """A chunked body, raw (sizes and trailers included)."""
    raw = []
    while True:
        size_line = reader.readline(65536)
        raw.append(size_line)
        size = int(size_line.split(b";")[0].strip(), 16)
        if size == 0:
            while True:
                trailer = reader.readline(65536)
                raw.append(trailer)
                if trailer in (b"\r\n", b"\n", b""):
                    return b"".join(raw)
        raw.append(reader.read(size + 2))


def read_response(reader, method):
    """One final answer from the upstream, raw: (head, body, keep_alive). 1xx answers are skipped."""
    while True:
        head = read_head(reader)
        if not head:
            raise ConnectionError("upstream closed")
        status = int(head.split(b" ", 2)[1])
        if status >= 200:
            break
    if method == "HEAD" or status in (204, 304):
        body = b""
    elif (header(head, b"transfer-encoding") or "").lower() == "chunked":
        body = read_chunked(reader)
    elif header(head, b"content-length") is not None:
        body = reader.read(int(header(head, b"content-length")))
    else:
        body = reader.read()
        return head, body, False
    return head, body, (header(head, b"connection") or "").lower() != "close"


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class Connection(socketserver.BaseRequestHandler):
    def setup(self):
        self.upstream = None
        self.upstream_reader = None

    def finish(self):
        if self.upstream is not None:
            self.upstream.close()

    def forward(self, method, head, body):
        """Sends the request upstream (reconnecting when needed) and returns its raw answer."""
        for attempt in range(2):
            if self.upstream is None:
                self.upstream = socket.create_connection(UPSTREAM)
                self.upstream_reader = self.upstream.makefile("rb")
            try:
                self.upstream.sendall(head + body)
                response_head, response_body, keep = read_response(self.upstream_reader, method)
                if not keep:
                    self.upstream.close()
                    self.upstream = None
                return response_head, response_body
            except (ConnectionError, OSError):
                self.upstream.close()
                self.upstream = None
                if attempt == 1:
                    raise

    def handle(self):
        sock = self.request
        reader = sock.makefile("rb")
        while True:
            head = read_head(reader)
            if not head:
                return
            method, target = head.split(b" ", 2)[:2]
            method, target = method.decode(), target.decode()
            length = int(header(head, b"content-length") or "0")
            with LOCK:
                index = COUNTER[0]
                COUNTER[0] += 1
            kind, key, part = classify(method, target)
            fault = choose_fault(index, kind, key, part)
            log({"index": index, "kind": kind, "method": method, "key": key, "part": part, "fault": fault})

            if fault in ("reset-request", "stall") and (length > 0 or fault == "reset-request"):
                reader.read(length // 2)
                if fault == "stall":
                    time.sleep(STALL_SECONDS)
                    sock.close()
                else:
                    reset(sock)
                return
            body = reader.read(length) if length else b""
            if fault in ERRORS:
                sock.sendall(error_document(*ERRORS[fault]))
                continue
            if fault == "garbled":
                # What a confused middlebox or a half-dead load balancer sends: not an HTTP status line.
                sock.sendall(b"\x00\xff\x15 not a status line\r\n\r\n")
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
                return
            response_head, response_body = self.forward(method, head, body)
            whole = response_head + response_body
            if fault == "reset-response":
                sock.sendall(whole[: max(1, len(whole) // 2)])
                reset(sock)
                return
            if fault == "stall":
                sock.sendall(whole[: max(1, len(whole) // 2)])
                time.sleep(STALL_SECONDS)
                sock.close()
                return
            if fault == "truncate" and (method == "HEAD" or response_head.split(b" ", 2)[1] in (b"204", b"304")):
                # An answer that cannot have a body is cut inside its header block instead.
                sock.sendall(response_head[: len(response_head) // 2])
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
                return
            if fault == "truncate":
                claimed = len(response_body) + 64
                lines = [
                    line
                    for line in response_head.split(b"\r\n")
                    if not line.lower().startswith((b"content-length:", b"transfer-encoding:"))
                ]
                lines.insert(1, b"Content-Length: %d" % claimed)
                sock.sendall(b"\r\n".join(lines) + response_body[: len(response_body) // 2])
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
                return
            sock.sendall(whole)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global UPSTREAM, RULES, LOG
    host, port = sys.argv[1].rsplit(":", 1)
    UPSTREAM = (host, int(port))
    RULES = json.loads(sys.argv[2])
    LOG = open(sys.argv[3], "a", encoding="utf-8")
    server = Server(("127.0.0.1", 0), Connection)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    # Exit when the test closes our stdin (or dies).
    sys.stdin.buffer.read()


if __name__ == "__main__":
    main()
