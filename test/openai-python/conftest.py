"""openai-python against the CLI server: the README quickstart's fixtures, plus a client."""
import importlib.util
import pathlib

import openai
import pytest

_quickstart = pathlib.Path(__file__).resolve().parents[2] / "examples" / "pytest" / "conftest.py"
_spec = importlib.util.spec_from_file_location("quickstart_conftest", _quickstart)
quickstart = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quickstart)

mock_server = quickstart.mock_server
mock_api = quickstart.mock_api
admin = quickstart.admin


@pytest.fixture
def client(mock_api):
    # Not a real key: the mock accepts any bearer token unless a rule says otherwise.
    return openai.OpenAI(base_url=mock_api, api_key="test-key", max_retries=2)


@pytest.fixture
def scenario(mock_server):
    """Installs rules for this test, and removes them after it (the reset between tests keeps scenario files)."""
    yield lambda *rules: admin(mock_server, "PUT", "/__mock/scenario", {"rules": list(rules)})
    admin(mock_server, "PUT", "/__mock/scenario", {"rules": []})


@pytest.fixture
def journal(mock_server):
    return lambda: admin(mock_server, "GET", "/__mock/requests")
