/**
 * A Response whose text body becomes a stream only when something asks for one.
 *
 * A standard Response made from a string builds a ReadableStream at once, and `text()` or
 * `json()` read it back through the stream machinery: ~20 µs of a `mock.fetch` call that
 * costs ~50 in all, and the SDKs read JSON answers with exactly those two calls. Here they
 * take the string as it is. Everything else (`body`, `arrayBuffer()`, `blob()`, `bytes()`,
 * `formData()`, `clone()` once the body is a stream) goes to a standard Response made on
 * first use, so the body's rules are undici's own: it is read once, `bodyUsed` tells, a
 * used body cannot be cloned, and the errors are undici's errors.
 *
 * What still tells it apart: its prototype, and Response.prototype's methods called on it
 * directly (they see the empty body it was built with).
 */
function defineTextResponse() {
  return class TextResponse extends Response {
    #text: string;
    #init: ResponseInit;
    /** The standard Response that holds the body once it is wanted as a stream. */
    #stream: Response | undefined;
    #used = false;

    /**
     * `text` must read back as itself, so this is for text without a byte order mark at its
     * start or a lone surrogate (UTF-8 decoding would drop or replace them): JSON.stringify's.
     */
    constructor(text: string, init: ResponseInit) {
      super(null, init);
      this.#text = text;
      this.#init = init;
    }

    #streamed(): Response {
      return (this.#stream ??= this.#used ? spent() : new Response(this.#text, this.#init));
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#streamed().body;
    }

    override get bodyUsed(): boolean {
      return this.#stream ? this.#stream.bodyUsed : this.#used;
    }

    override text(): Promise<string> {
      if (this.#stream || this.#used) return this.#streamed().text();
      this.#used = true;
      return Promise.resolve(this.#text);
    }

    override json(): Promise<any> {
      if (this.#stream || this.#used) return this.#streamed().json();
      this.#used = true;
      try {
        return Promise.resolve(JSON.parse(this.#text));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#streamed().arrayBuffer();
    }

    override blob(): Promise<Blob> {
      return this.#streamed().blob();
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#streamed().bytes();
    }

    override formData(): Promise<FormData> {
      return this.#streamed().formData();
    }

    override clone(): Response {
      if (this.#stream || this.#used) return this.#streamed().clone();
      return new TextResponse(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    }
  };
}

type TextResponseClass = ReturnType<typeof defineTextResponse>;
// Defined at first use: the global Response is undici's, which Node 20 loads when it is first touched (~20 ms),
// and a server that never answers through fetch should not pay for it.
let defined: TextResponseClass | undefined;

/** A Response of `text` that reads it back without a stream (see above). */
export function textResponse(text: string, init: ResponseInit): Response {
  defined ??= defineTextResponse();
  return new defined(text, init);
}

/** A Response whose body was read: a used body's calls go to it, for undici's own errors. */
function spent(): Response {
  const response = new Response('');
  void response.text();
  return response;
}
