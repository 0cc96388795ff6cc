import math


def test_base64_by_default_decodes_to_the_float_vectors(client, journal):
    default = client.embeddings.create(model="text-embedding-3-small", input=["alpha", "beta"])
    floats = client.embeddings.create(model="text-embedding-3-small", input=["alpha", "beta"], encoding_format="float")
    # openai-python asks for base64 unless told otherwise, and decodes it to floats.
    assert [entry["body"].get("encoding_format") for entry in journal()] == ["base64", "float"]
    assert [len(item.embedding) for item in default.data] == [1536, 1536]
    for a, b in zip(default.data, floats.data):
        assert all(math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-7) for x, y in zip(a.embedding, b.embedding))
    assert default.usage.prompt_tokens == 2


def test_dimensions_shortens_the_vector(client):
    response = client.embeddings.create(model="text-embedding-3-large", input="alpha", dimensions=256)
    vector = response.data[0].embedding
    assert len(vector) == 256
    assert math.isclose(sum(x * x for x in vector), 1.0, rel_tol=1e-4)
