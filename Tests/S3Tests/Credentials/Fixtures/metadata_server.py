#!/usr/bin/env python3
"""Loopback stand-in for the AWS credential endpoints, for the credential provider tests.

Serves, on 127.0.0.1 and an OS-chosen port (printed as the first stdout line):
  * the ECS/EKS container credentials endpoint: any GET outside /latest/ and /__stats;
    with --container-token it requires that exact Authorization header (401 otherwise);
  * EC2 IMDSv2: PUT /latest/api/token (needs X-aws-ec2-metadata-token-ttl-seconds 1..21600),
    GETs under /latest/meta-data/ need X-aws-ec2-metadata-token from that PUT (401 otherwise);
  * a minimal STS AssumeRoleWithWebIdentity: POST /sts/ (form body), records the token it saw,
    answers 400 InvalidIdentityToken for the token "invalid";
  * GET /__stats: request counts per endpoint and the last web identity token, as JSON.
Exits when stdin closes, so it never outlives the test process.
"""
import argparse
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--container-token", default=None)
parser.add_argument("--role", default="onejob-test-role")
parser.add_argument("--expiration", default="2030-01-01T00:00:00Z")
parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before answering with credentials")
args = parser.parse_args()

lock = threading.Lock()
counts = {}
imds_tokens = set()
last_web_identity_token = None


def count(key):
    with lock:
        counts[key] = counts.get(key, 0) + 1
        return counts[key]


def credentials_document(prefix, number, imds):
    document = {
        "AccessKeyId": f"ASIA{prefix}{number:04d}",
        "SecretAccessKey": f"secret-{prefix.lower()}-{number}",
        "Token": f"token-{prefix.lower()}-{number}",
        "Expiration": args.expiration,
    }
    if imds:
        document.update({"Code": "Success", "LastUpdated": "2024-01-01T00:00:00Z", "Type": "AWS-HMAC"})
    else:
        document["RoleArn"] = "arn:aws:iam::123456789012:role/test"
    return document


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        if self.path != "/latest/api/token":
            return self.reply(404, "not found", "text/plain")
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            count("imds-token-rejected")
            return self.reply(400, "bad ttl", "text/plain")
        count("imds-token")
        token = secrets.token_urlsafe(24)
        with lock:
            imds_tokens.add(token)
        self.reply(200, token, "text/plain")

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/__stats":
            with lock:
                stats = {"counts": dict(counts), "lastWebIdentityToken": last_web_identity_token}
            return self.reply(200, json.dumps(stats))
        if path.startswith("/latest/"):
            return self.imds(path)
        return self.container()

    def do_POST(self):
        global last_web_identity_token
        if urllib.parse.urlsplit(self.path).path != "/sts/":
            return self.reply(404, "not found", "text/plain")
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        field = lambda name: form.get(name, [""])[0]
        number = count("sts")
        with lock:
            last_web_identity_token = field("WebIdentityToken")
        if field("Action") != "AssumeRoleWithWebIdentity" or field("Version") != "2011-06-15":
            return self.sts_error(400, "InvalidAction", "unexpected Action or Version")
        if not field("RoleArn") or not field("RoleSessionName"):
            return self.sts_error(400, "MissingParameter", "RoleArn and RoleSessionName are required")
        if field("WebIdentityToken") == "invalid":
            return self.sts_error(400, "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider")
        body = (
            '<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            "<AssumeRoleWithWebIdentityResult><Credentials>"
            f"<AccessKeyId>ASIASTS{number:04d}</AccessKeyId>"
            f"<SecretAccessKey>secret&amp;sts&lt;{number}&gt;</SecretAccessKey>"
            f"<SessionToken>token-sts-{number}</SessionToken>"
            f"<Expiration>{args.expiration}</Expiration>"
            "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>"
        )
        self.reply(200, body, "text/xml")

    def sts_error(self, status, code, message):
        body = (
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            f"<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
            "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
        )
        self.reply(status, body, "text/xml")

    def imds(self, path):
        with lock:
            authorized = self.headers.get("X-aws-ec2-metadata-token") in imds_tokens
        if not authorized:
            count("imds-unauthorized")
            return self.reply(401, "", "text/plain")
        prefix = "/latest/meta-data/iam/security-credentials/"
        if path == prefix:
            count("imds-role")
            return self.reply(200, args.role, "text/plain")
        if path == prefix + args.role:
            number = count("imds-credentials")
            time.sleep(args.delay)
            return self.reply(200, json.dumps(credentials_document("IMDS", number, imds=True)))
        self.reply(404, "not found", "text/plain")

    def container(self):
        if args.container_token is not None and self.headers.get("Authorization") != args.container_token:
            count("container-unauthorized")
            return self.reply(401, json.dumps({"message": "unauthorized"}))
        number = count("container")
        time.sleep(args.delay)
        self.reply(200, json.dumps(credentials_document("CONTAINER", number, imds=False)))


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
print(server.server_address[1], flush=True)
server.serve_forever()
