import json

import openai
import pydantic
import pytest

CONVERSATION = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": "Name three rivers in Europe."},
]


def test_create_counts_tokens_and_streams_the_same_words(client):
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=CONVERSATION)
    assert completion.object == "chat.completion"
    assert completion.id.startswith("chatcmpl-")
    assert completion.choices[0].finish_reason == "stop"
    text = completion.choices[0].message.content
    assert text

    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=CONVERSATION, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == text
    assert chunks[-1].usage == completion.usage
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


def test_max_tokens_cuts_a_prefix(client):
    full = client.chat.completions.create(model="gpt-4o-mini", messages=CONVERSATION).choices[0].message.content
    cut = client.chat.completions.create(model="gpt-4o-mini", messages=CONVERSATION, max_completion_tokens=3)
    assert cut.choices[0].finish_reason == "length"
    assert cut.usage.completion_tokens == 3
    assert full.startswith(cut.choices[0].message.content)


class Weather(pydantic.BaseModel):
    city: str
    celsius: float
    sunny: bool


def test_parse_gives_an_instance_of_the_schema(client):
    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06", messages=[{"role": "user", "content": "Weather in Oslo?"}], response_format=Weather
    )
    assert isinstance(completion.choices[0].message.parsed, Weather)


def test_tool_call_arguments_follow_the_parameters(client):
    tool = {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
                "required": ["city", "unit"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    }
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Weather?"}], tools=[tool], tool_choice="required"
    )
    assert completion.choices[0].finish_reason == "tool_calls"
    arguments = json.loads(completion.choices[0].message.tool_calls[0].function.arguments)
    assert set(arguments) == {"city", "unit"} and arguments["unit"] in ("c", "f")


def test_a_wrong_key_raises_authentication_error(client, scenario):
    scenario({"match": {"header": {"authorization": "Bearer test-key"}}, "error": {"status": 401}})
    with pytest.raises(openai.AuthenticationError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=CONVERSATION)
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"


def test_the_client_retries_a_429_and_succeeds(client, scenario, journal):
    # retryAfter is in seconds: 1 ms, which the client honours (retry-after-ms), so the test does not wait.
    scenario({"match": {"lastMessage": {"contains": "busy"}}, "sequence": [{"error": {"status": 429, "retryAfter": 0.001}}, {"reply": {"content": "ok now"}}]})
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "busy?"}])
    assert completion.choices[0].message.content == "ok now"
    assert [entry["status"] for entry in journal()] == [429, 200]


def test_a_bad_request_raises_with_param(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=CONVERSATION, temperature=3)
    assert caught.value.param == "temperature"
