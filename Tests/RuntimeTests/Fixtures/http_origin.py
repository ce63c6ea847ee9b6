"""A small origin server for fetcher tests: prints its port, serves a few fixed behaviours.

GET /file/NAME?size=N   N bytes of a repeating pattern (Content-Length set)
GET /chunked?size=N     N bytes, chunked (no Content-Length: the cap must still hold)
GET /redirect?to=URL    302 to URL
GET /missing            404
GET /flaky/KEY          500 on the first request for KEY, then 200 with "ok"
GET /denied             403
GET /lying?size=N&claim=M   Content-Length M, then N bytes (a lying, small length)
GET /bigerror?size=N    404 with an N-byte body (error bodies must not fill memory)
"""
import http.server
import sys
import threading
import urllib.parse

seen = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, length=True):
        self.send_response(status)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if length:
            self.wfile.write(body)
        else:
            for start in range(0, len(body), 65536):
                chunk = body[start:start + 65536]
                self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        size = int(query.get("size", ["0"])[0])
        pattern = bytes(range(256)) * (size // 256 + 1)
        if url.path.startswith("/file/"):
            self.send_body(200, pattern[:size])
        elif url.path == "/chunked":
            self.send_body(200, pattern[:size], length=False)
        elif url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif url.path.startswith("/flaky/"):
            with lock:
                first = url.path not in seen
                seen.add(url.path)
            self.send_body(500 if first else 200, b"boom" if first else b"ok")
        elif url.path == "/lying":
            self.send_response(200)
            self.send_header("Content-Length", query["claim"][0])
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(pattern[:size])
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif url.path == "/bigerror":
            self.send_body(404, pattern[:size])
        elif url.path == "/denied":
            self.send_body(403, b"no")
        else:
            self.send_body(404, b"missing")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
server.serve_forever()
