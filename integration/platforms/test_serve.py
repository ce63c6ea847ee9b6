"""`onejob serve` driven by a real CloudEvents client (the Python `cloudevents` SDK) and a real
Prometheus parser. Runs the built binary: ONEJOB_BIN, else .build/debug/onejob."""
import http.client
import json
import os
import signal
import subprocess
import threading
import time
import uuid

import pytest
from cloudevents.v1.conversion import to_binary, to_structured
from cloudevents.v1.http import CloudEvent, from_http
from prometheus_client.parser import text_string_to_metric_families

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("ONEJOB_BIN", os.path.join(ROOT, ".build", "debug", "onejob"))


class Server:
    """One `onejob serve --port 0` process; the port is read from its `listening` log line."""

    def __init__(self, tmp_path, *args):
        env = {k: v for k, v in os.environ.items() if not k.startswith("ONEJOB_")}
        env["ONEJOB_LOG_FORMAT"] = "json"
        # What Cloud Run services and Knative set: reply events name the service as their source.
        env["K_SERVICE"] = "render"
        env["K_REVISION"] = "render-00001-abc"
        self.process = subprocess.Popen(
            [BIN, "serve", "--port", "0", "--host", "127.0.0.1", "--output", str(tmp_path / "out"), *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        self.lines = []
        ready = threading.Event()
        self.port = None

        def read():
            for line in self.process.stderr:
                self.lines.append(line)
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if record.get("message") == "listening":
                    self.port = int(record["port"])
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        assert ready.wait(30) and self.port, "".join(self.lines)

    def request(self, method, path, headers=None, body=b""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.putrequest(method, path)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def post_event(self, event, structured=False, extra=None):
        headers, body = to_structured(event) if structured else to_binary(event)
        headers = dict(headers)
        headers.update(extra or {})
        return self.request("POST", "/", headers, body)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)


def job(text, **params):
    return {"kind": "text-mesh", "params": {"text": text, "height": 4, "depth": 1, "preview": False, **params}}


def event(data, **attributes):
    return CloudEvent({"type": "dev.example.render", "source": "//tests/serve", **attributes}, data)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve"), "--max-jobs", "0")
    yield running
    running.stop()


def test_binary_event_runs_a_real_job_and_replies_with_an_event(server):
    first = event(job("Bin"))
    status, headers, body = server.post_event(first, extra={"Prefer": "reply"})
    assert status == 200, body
    result = json.loads(body)
    assert result["status"] == "succeeded" and result["kind"] == "text-mesh"
    assert os.path.getsize(result["outputs"][0]["path"]) > 0
    reply = from_http(headers, body)
    assert reply["type"] == "dev.onejob.job.succeeded"
    assert reply["subject"] == result["id"]
    assert reply["source"] == "/services/render"
    # The same source+id delivered again is answered from the first run, not run twice.
    status, _, again = server.post_event(first)
    assert status == 200 and json.loads(again)["startedAt"] == result["startedAt"]


def test_structured_event_runs_a_real_job(server):
    status, headers, body = server.post_event(event(job("Str")), structured=True)
    assert status == 200, body
    assert json.loads(body)["status"] == "succeeded"
    assert "ce-type" not in headers


@pytest.mark.parametrize("name,headers,body,expected", [
    ("missing ce-id", {"ce-source": "s", "ce-type": "t", "ce-specversion": "1.0"}, b"{}", 400),
    ("bad specversion", {"ce-id": "1", "ce-source": "s", "ce-type": "t", "ce-specversion": "0.3"}, b"{}", 400),
    ("invalid UTF-8 header", {"ce-id": b"\xff\xfe", "ce-source": "s", "ce-type": "t", "ce-specversion": "1.0"}, b"{}", 400),
    ("batch", {"Content-Type": "application/cloudevents-batch+json"}, b"[]", 415),
    ("structured not JSON", {"Content-Type": "application/cloudevents+json"}, b"{nope", 400),
])
def test_malformed_events_are_refused(server, name, headers, body, expected):
    status, _, data = server.request("POST", "/", headers, body)
    assert status == expected, (name, data)
    assert "error" in json.loads(data)


def test_an_invalid_job_is_400_with_its_failed_result(server):
    status, _, body = server.post_event(event(job("x", height=-1)))
    assert status == 400
    result = json.loads(body)
    assert result["status"] == "failed" and result["error"]["class"] == "invalid-job"


def test_busy_server_answers_429_with_retry_after(server):
    def accepted():
        return sum(1 for line in server.lines if '"job accepted"' in line)

    before = accepted()
    answers = {}
    slow = threading.Thread(target=lambda: answers.setdefault("slow", server.post_event(event(job("Slow text " * 4)))))
    slow.start()
    deadline = time.time() + 30
    while accepted() == before and time.time() < deadline:
        time.sleep(0.01)
    status, headers, _ = server.post_event(event(job("Other")))
    slow.join(120)
    assert status == 429
    assert headers["retry-after"] == "10"
    assert answers["slow"][0] == 200


def test_healthz_and_metrics_parse_as_prometheus_text(server):
    status, _, body = server.request("GET", "/healthz")
    assert status == 200 and json.loads(body)["tools"]["blender"]
    status, headers, body = server.request("GET", "/metrics")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    families = {family.name: family for family in text_string_to_metric_families(body.decode())}
    jobs = {(s.labels["kind"], s.labels["status"]): s.value for s in families["onejob_jobs"].samples}
    assert jobs[("text-mesh", "succeeded")] >= 2
    assert jobs[("text-mesh", "failed")] >= 1
    histogram = families["onejob_job_duration_seconds"]
    assert histogram.type == "histogram"
    counts = [s.value for s in histogram.samples if s.name.endswith("_count")]
    assert counts and counts[0] >= 3
    assert families["onejob_uploaded_bytes"].samples[0].value > 0


def test_max_jobs_exits_after_one_job_and_sigterm_stops_an_idle_server(tmp_path):
    one = Server(tmp_path)
    status, _, _ = one.post_event(event(job("x", height=-1)))
    assert status == 400
    assert one.process.wait(30) == 0

    idle = Server(tmp_path)
    idle.process.send_signal(signal.SIGTERM)
    assert idle.process.wait(30) == 0
    assert any("server stopped" in line for line in idle.lines)
