/**
 * A Response whose text body becomes a stream only when something asks for one.
 *
 * A standard Response made from a string builds a ReadableStream at once, and `text()` or
 * `json()` read it back through the stream machinery: ~20 µs of a `mock.fetch` call that
 * costs ~50 in all, and the SDKs read JSON answers with exactly those two calls. Here they
 * take the string as it is. Everything else (`body`, `arrayBuffer()`, `blob()`, `bytes()`,
 * `formData()`, `clone()` once the body is a stream) goes to a standard Response made on
 * first use from the headers as they are then, so the body's rules are undici's own: it is
 * read once, `bodyUsed` tells, a used body cannot be cloned, and the errors are undici's.
 *
 * What still tells it apart: its prototype, and Response.prototype's methods called on it
 * directly (they see the empty body it was built with).
 */
function defineTextResponse(Base: typeof Response) {
  class TextResponse extends Base {
    #text: string;
    /** The standard Response that holds the body once it is wanted as a stream. */
    #stream: Response | undefined;
    #used = false;

    /**
     * `text` must read back as itself, so this is for text without a byte order mark at its
     * start or a lone surrogate (UTF-8 decoding would drop or replace them): JSON.stringify's.
     * `asGiven`: the headers exactly as given (a clone's), with no type added.
     */
    constructor(text: string, init: ResponseInit, asGiven = false) {
      super(null, init);
      this.#text = text;
      // What a Response made from a string has when it was given no type.
      if (!asGiven && !this.headers.has('content-type')) this.headers.set('content-type', TEXT_TYPE);
    }

    #streamed(): Response {
      if (!this.#stream) {
        this.#stream = this.#used ? spent() : this.#fromText();
        this.#text = '';
      }
      return this.#stream;
    }

    /** A standard Response of the text with the headers as they are now: one made from a string adds a type, which may have been taken away since. */
    #fromText(): Response {
      const response = new Response(this.#text, this.#init());
      if (!this.headers.has('content-type')) response.headers.delete('content-type');
      return response;
    }

    #init(): ResponseInit {
      return { status: this.status, statusText: this.statusText, headers: this.headers };
    }

    /** Read, or locked by a reader: what undici refuses to read again. */
    #unusable(): boolean {
      return this.#stream ? this.#stream.bodyUsed || this.#stream.body!.locked : this.#used;
    }

    /** The body, with the headers as they are now (a blob's type and formData's parsing follow them). */
    #current(): Response {
      if (this.#unusable() || !this.#stream) return this.#streamed();
      return new Response(this.#stream.body, this.#init());
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#streamed().body;
    }

    override get bodyUsed(): boolean {
      return this.#stream ? this.#stream.bodyUsed : this.#used;
    }

    /** The text, read: the body is used from here on. */
    #take(): string {
      const text = this.#text;
      this.#used = true;
      this.#text = '';
      return text;
    }

    override text(): Promise<string> {
      if (this.#stream || this.#used) return this.#streamed().text();
      return Promise.resolve(this.#take());
    }

    override json(): Promise<any> {
      if (this.#stream || this.#used) return this.#streamed().json();
      try {
        return Promise.resolve(JSON.parse(this.#take()));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#streamed().arrayBuffer();
    }

    override blob(): Promise<Blob> {
      return this.#current().blob();
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#streamed().bytes();
    }

    override formData(): Promise<FormData> {
      return this.#current().formData();
    }

    override clone(): Response {
      if (this.#unusable()) return this.#streamed().clone();
      if (this.#stream) return new Response(this.#stream.clone().body, this.#init());
      return new TextResponse(this.#text, this.#init(), true);
    }
  }
  // Only what the platform's Response has: code that checks for a method must find what it would.
  if (typeof Base.prototype.bytes !== 'function') delete (TextResponse.prototype as Partial<Response>).bytes;
  return TextResponse;
}

/** The type a Response or Request gives a string body that has none. */
export const TEXT_TYPE = 'text/plain;charset=UTF-8';

type TextResponseClass = ReturnType<typeof defineTextResponse>;
/** The class for the global Response (msw's http interceptor swaps it while it listens), or false where it cannot work. */
let defined: { base: typeof Response; Class: TextResponseClass | false } | undefined;

/**
 * A Response of `text` that reads it back without a stream (see above), or a standard one where
 * the platform's Response keeps its body state in fields of its own (happy-dom), which a subclass
 * cannot take over. Defined at first use: in Node 20, touching the global Response loads undici
 * (~20 ms), which a server never needs.
 */
export function textResponse(text: string, init: ResponseInit): Response {
  if (defined?.base !== globalThis.Response) defined = { base: globalThis.Response, Class: subclassable(defineTextResponse(globalThis.Response)) };
  return defined.Class ? new defined.Class(text, init) : new Response(text, init);
}

function subclassable(Class: TextResponseClass): TextResponseClass | false {
  const probe = new Class('', {});
  return Object.hasOwn(probe, 'body') || Object.hasOwn(probe, 'bodyUsed') ? false : Class;
}

/** A Response whose body was read: a used body's calls go to it, for undici's own errors. */
function spent(): Response {
  const response = new Response('');
  void response.text();
  return response;
}
