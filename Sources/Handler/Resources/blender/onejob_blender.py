"""The side of the onejob <-> Blender contract (README.txt) that every script shares.

Imported by the job scripts after they put their own folder on sys.path: Blender runs a script with
`--python`, which does not add the script's folder to the import path.
"""

import json
import sys


class BadInput(Exception):
    """The job's data cannot be used; retrying will not help (exit 65 on the Swift side)."""


def progress(percent):
    print(f"ONEJOB-PROGRESS: {percent}", flush=True)


def script_arguments(argv, names):
    """The paths after `--`, one per name: Blender's own options come before it."""
    if "--" not in argv:
        raise ValueError(f"expected: -- {' '.join(names)}")
    rest = argv[argv.index("--") + 1:]
    if len(rest) != len(names):
        raise ValueError(f"expected {len(names)} arguments after --, got {len(rest)}")
    return rest


def read_json(path):
    with open(path, "r", encoding="utf-8") as handle:
        return json.load(handle)


def write_result(path, result):
    """Writes RESULT.json, then reports 100 %: the result is the last thing a run does."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    progress(100)


def one_line(error):
    """The error's message on one line, so the Swift side can find it by prefix."""
    return " ".join(str(error).split()) or type(error).__name__


def main(run):
    """Runs `run(sys.argv)`, printing one error line before the exception propagates (Blender exits 3)."""
    try:
        run(sys.argv)
    except BadInput as error:
        print(f"ONEJOB-ERROR: bad-input: {one_line(error)}", file=sys.stderr, flush=True)
        raise
    except Exception as error:
        print(f"ONEJOB-ERROR: tool-failed: {type(error).__name__}: {one_line(error)}", file=sys.stderr, flush=True)
        raise
