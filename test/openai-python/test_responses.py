import json

import openai
import pytest


def test_create_says_what_chat_says(client):
    response = client.responses.create(model="gpt-4o-mini", instructions="You are terse.", input="Name three rivers in Europe.")
    assert response.object == "response" and response.status == "completed"
    assert response.id.startswith("resp_")
    chat = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Name three rivers in Europe."}],
    )
    assert response.output_text == chat.choices[0].message.content
    assert response.usage.input_tokens == chat.usage.prompt_tokens
    assert response.usage.output_tokens == chat.usage.completion_tokens


def test_stream_events_in_order_and_the_same_text(client):
    plain = client.responses.create(model="gpt-4o-mini", input="Tell me a story.")
    events = list(client.responses.create(model="gpt-4o-mini", input="Tell me a story.", stream=True))
    types = [event.type for event in events]
    assert types[:2] == ["response.created", "response.in_progress"]
    assert types[-1] == "response.completed"
    assert [event.sequence_number for event in events] == list(range(len(events)))
    assert "".join(e.delta for e in events if e.type == "response.output_text.delta") == plain.output_text
    with client.responses.stream(model="gpt-4o-mini", input="Tell me a story.") as stream:
        final = stream.get_final_response()
    assert final.output_text == plain.output_text


def test_max_output_tokens_leaves_it_incomplete(client):
    response = client.responses.create(model="gpt-4o-mini", input="Tell me a story.", max_output_tokens=16)
    assert response.status == "incomplete"
    assert response.incomplete_details.reason == "max_output_tokens"
    assert response.usage.output_tokens == 16


def test_a_tool_loop_by_previous_response_id_ends_in_text(client):
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": False},
            "strict": True,
        }
    ]
    first = client.responses.create(model="gpt-4o-mini", input="Weather in Paris?", tools=tools, tool_choice="required")
    call = next(item for item in first.output if item.type == "function_call")
    assert call.name == "get_weather" and isinstance(json.loads(call.arguments)["city"], str)
    second = client.responses.create(
        model="gpt-4o-mini",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": '{"celsius": 21}'}],
        tools=tools,
    )
    assert second.output_text
    assert client.responses.retrieve(second.id).output_text == second.output_text
    client.responses.delete(second.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(second.id)


def test_an_unknown_previous_response_id_is_named(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="gpt-4o-mini", input="Hi", previous_response_id="resp_missing")
    assert "resp_missing" in caught.value.message
    assert caught.value.param == "previous_response_id"
