import json
import urllib.request

from conftest import admin


def chat(base_url, content):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": content}]}
    request = urllib.request.Request(
        f"{base_url}/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer sk-test"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_answers_like_the_api(mock_api):
    completion = chat(mock_api, "Hello")
    assert completion["object"] == "chat.completion"
    assert completion["choices"][0]["message"]["content"]


def test_scripted_reply(mock_server, mock_api):
    rule = {"match": {"lastMessage": {"contains": "weather"}}, "reply": {"content": "Sunny, 21 °C"}}
    admin(mock_server, "PUT", "/__mock/scenario", {"rules": [rule]})
    assert chat(mock_api, "What is the weather in Paris?")["choices"][0]["message"]["content"] == "Sunny, 21 °C"


def test_each_test_starts_with_an_empty_journal(mock_server, mock_api):
    assert admin(mock_server, "GET", "/__mock/requests") == []
    chat(mock_api, "Hello")
    assert [entry["status"] for entry in admin(mock_server, "GET", "/__mock/requests")] == [200]
