/**
 * A file's name is only ever shown and offered back as a download name; it never becomes a path.
 * Even so it loses its folders and anything that could disguise it: control characters, and the
 * bidirectional formatting marks that make `invoice<U+202E>fdp.exe` read as `invoiceexe.pdf`.
 */
const controls = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The name to keep, or '' when nothing of it is left. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  return base.replace(controls, '').normalize('NFC').trim();
}

/** RFC 6266 with the RFC 8187 form for the real name and a plain ASCII fallback for old clients. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
