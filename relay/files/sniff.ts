/**
 * Decides a file's type from its bytes as they stream in, never from its name: the raster
 * images and PDF by their signatures, `text/plain` only for UTF-8 without control characters
 * that does not open like markup. Markup is `text/html`; anything else `application/octet-stream`.
 */

const signatures: ReadonlyArray<{ type: string; bytes: ReadonlyArray<number | undefined> }> = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: ascii('GIF87a') },
  { type: 'image/gif', bytes: ascii('GIF89a') },
  // RIFF, four bytes of length (undefined: any), WEBPVP.
  { type: 'image/webp', bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii('WEBPVP')] },
  { type: 'application/pdf', bytes: ascii('%PDF-') },
];

/**
 * The WHATWG MIME sniffing HTML patterns, plus XML and SVG. Tags must be followed by whitespace,
 * `>` or `/` (broader than the standard's space or `>`, so `<svg/onload=…>` counts too).
 */
const markupTags = ['!DOCTYPE HTML', 'HTML', 'HEAD', 'SCRIPT', 'IFRAME', 'H1', 'DIV', 'FONT', 'TABLE', 'A', 'STYLE', 'TITLE', 'B', 'BODY', 'BR', 'P', 'SVG'];
const markupOpenings = ['<!--', '<?XML'];

/** Bytes enough to match every signature and markup pattern. */
const headBytes = 16;
const whitespace = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const utf8Bom = [0xef, 0xbb, 0xbf];

export const octetStream = 'application/octet-stream';
export const html = 'text/html';
export const plainText = 'text/plain';

export class TypeSniffer {
  readonly #head: number[] = [];
  /** The first bytes after an optional BOM and leading whitespace, upper-cased. */
  readonly #opening: number[] = [];
  #bytesSeen = 0;
  #text = true;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  #known: string | undefined;

  /**
   * The type, once the bytes seen so far settle it: a signature matched, or the file cannot be
   * text, or it opens like markup. `text/plain` is only known at the end.
   */
  get known(): string | undefined {
    return this.#known;
  }

  push(chunk: Uint8Array): void {
    if (this.#known) return;
    for (const byte of chunk.subarray(0, headBytes - this.#head.length)) this.#head.push(byte);
    this.#collectOpening(chunk);
    this.#bytesSeen += chunk.byteLength;
    if (this.#text) this.#text = !hasControlBytes(chunk) && decodes(this.#decoder, chunk, true);
    if (this.#head.length >= headBytes) this.#known = this.#decide(false);
  }

  /** The type of the whole file. */
  finish(): string {
    if (this.#text) this.#text = decodes(this.#decoder, new Uint8Array(0), false);
    this.#known ??= this.#decide(true) ?? plainText;
    return this.#known;
  }

  #decide(atEnd: boolean): string | undefined {
    const signed = signatures.find((s) => s.bytes.length <= this.#head.length && s.bytes.every((b, i) => b === undefined || b === this.#head[i]));
    if (signed) return signed.type;
    if (!this.#text) return octetStream;
    if (this.#opensLikeMarkup(atEnd)) return html;
    return undefined;
  }

  #collectOpening(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.byteLength && this.#opening.length < headBytes; i++) {
      const byte = chunk[i]!;
      if (this.#opening.length === 0 && (whitespace.has(byte) || this.#inBom(this.#bytesSeen + i))) continue;
      this.#opening.push(byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte);
    }
  }

  #inBom(offset: number): boolean {
    return offset < utf8Bom.length && utf8Bom.every((b, i) => i > offset || this.#head[i] === b);
  }

  /** Undecided while the opening may still grow into a pattern. */
  #opensLikeMarkup(atEnd: boolean): boolean {
    const opening = this.#opening;
    if (!atEnd && opening.length < headBytes) return false;
    if (markupOpenings.some((pattern) => startsWith(opening, ascii(pattern)))) return true;
    return markupTags.some((tag) => {
      const pattern = ascii(`<${tag}`);
      const next = opening[pattern.length];
      return startsWith(opening, pattern) && next !== undefined && (whitespace.has(next) || next === 0x3e || next === 0x2f);
    });
  }
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function startsWith(bytes: readonly number[], prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** C0 controls other than tab, line feed, form feed and carriage return. */
function hasControlBytes(chunk: Uint8Array): boolean {
  for (const byte of chunk) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return true;
  return false;
}

function decodes(decoder: TextDecoder, chunk: Uint8Array, more: boolean): boolean {
  try {
    decoder.decode(chunk, { stream: more });
    return true;
  } catch {
    return false;
  }
}
