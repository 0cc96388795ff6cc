import json
import os
import shlex
import subprocess
import urllib.request

import pytest

# How to start the mock; e.g. COMPLETIONS_MOCK="node node_modules/completions-mock/bin/completions-mock.js"
COMMAND = shlex.split(os.environ.get("COMPLETIONS_MOCK", "npx completions-mock"))


@pytest.fixture(scope="session")
def mock_server():
    """One server for the session. --quiet: nobody reads its stdout after the ready line.
    --exit-on-stdin-close: it exits when this process closes the pipe or dies, even behind npx."""
    server = subprocess.Popen(
        [*COMMAND, "serve", "--port", "0", "--quiet", "--exit-on-stdin-close"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    ready = server.stdout.readline()  # "completions-mock listening on http://127.0.0.1:PORT"
    if "listening on " not in ready:
        server.kill()
        raise RuntimeError(f"completions-mock did not start: {ready!r}")
    yield ready.split("listening on ")[1].split()[0]
    server.stdin.close()
    server.wait(timeout=15)


@pytest.fixture
def mock_api(mock_server):
    """The base URL a client uses; the journal, use() rules and sequences start afresh for each test."""
    admin(mock_server, "POST", "/__mock/reset")
    return f"{mock_server}/v1"


def admin(server, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{server}{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)
