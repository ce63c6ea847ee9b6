"""Temporary credentials that really flow, for the secret hygiene tests: prints its port, serves them.

SeaweedFS refuses any request carrying X-Amz-Security-Token for its static identities, so the session
token path runs against moto instead, with moto's request authentication switched on after set-up: every
S3 request must then be signed with the assumed role's secret key and carry its session token (moto
answers InvalidToken / SignatureDoesNotMatch otherwise).

GET /credentials   the container credentials document (AccessKeyId, SecretAccessKey, Token, Expiration),
                   only with `Authorization: <--token>` (401 otherwise), as the ECS/EKS agents answer
GET /credentials/wrong-secret   the same with SecretAccessKey = --wrong-secret (moto: SignatureDoesNotMatch)
GET /__info        {"endpoint", "bucket", "accessKeyId", "secretAccessKey", "sessionToken", "requests"}
Exits when its stdin closes.
"""
import argparse
import http.server
import json
import logging
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--token", required=True, help="the Authorization value the agent demands")
parser.add_argument("--bucket", default="canary-bucket")
parser.add_argument("--wrong-secret", default="CANARY-wrong-temporary-secret-0123456789")
args = parser.parse_args()

logging.getLogger("werkzeug").setLevel(logging.ERROR)

import boto3  # noqa: E402
from moto import settings  # noqa: E402
from moto.core.authorization import ActionAuthenticatorMixin  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
moto.start()
endpoint = f"http://127.0.0.1:{moto.get_host_and_port()[1]}"
setup = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIASETUP", aws_secret_access_key="setup")
iam = boto3.client("iam", **setup)
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
iam.create_role(RoleName="onejob", AssumeRolePolicyDocument=json.dumps(trust))
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
iam.put_role_policy(RoleName="onejob", PolicyName="s3", PolicyDocument=json.dumps(policy))
boto3.client("s3", **setup).create_bucket(Bucket=args.bucket)
assumed = boto3.client("sts", **setup).assume_role(
    RoleArn="arn:aws:iam::123456789012:role/onejob", RoleSessionName="canary")["Credentials"]
# From here on moto checks every request's signature, access key and session token.
settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
ActionAuthenticatorMixin.request_count = 0

lock = threading.Lock()
requests = {"authorized": 0, "unauthorized": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def reply(self, status, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/__info":
            with lock:
                counts = dict(requests)
            return self.reply(200, {
                "endpoint": endpoint, "bucket": args.bucket, "accessKeyId": assumed["AccessKeyId"],
                "secretAccessKey": assumed["SecretAccessKey"], "sessionToken": assumed["SessionToken"],
                "requests": counts})
        if self.headers.get("Authorization") != args.token:
            with lock:
                requests["unauthorized"] += 1
            return self.reply(401, {"message": "unauthorized"})
        with lock:
            requests["authorized"] += 1
        self.reply(200, {
            "AccessKeyId": assumed["AccessKeyId"],
            "SecretAccessKey": args.wrong_secret if self.path.endswith("/wrong-secret") else assumed["SecretAccessKey"],
            "Token": assumed["SessionToken"], "Expiration": "2099-01-01T00:00:00Z",
            "RoleArn": "arn:aws:iam::123456789012:role/onejob"})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
server.serve_forever()
moto.stop()
