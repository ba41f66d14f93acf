import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Translation, TranslationOverride } from './translation.js';

/**
 * Built-in strings by language, as modules added them: the widget's first load carries only the
 * launcher's (launcher-strings.ts), its conversation view the customer's (customer-strings.ts), the
 * agents' bundle both and their own (agent-strings.ts).
 */
const builtIn = new Map<string, Partial<Translation>>();
/** The host page's own strings: they win over built-in ones, whenever either is added. */
const overrides = new Map<string, Partial<Translation>>();
/** Each language over English, so a missing string falls back to the English one. */
const resolved = new Map<string, Partial<Translation>>();
const hosts = new Set<ReactiveControllerHost>();
/** Building a formatter costs far more than using one: one per language, shared. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const sizeFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const sizeUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** Adds strings of a language; the elements' own modules call it for the strings they show. */
export function addStrings(code: string, strings: Partial<Translation>, to = builtIn): void {
  const lang = code.toLowerCase();
  to.set(lang, { ...to.get(lang), ...strings });
  resolved.clear();
}

/** Adds a language, or overrides strings of one; elements already on the page update. */
export function registerTranslation(...added: TranslationOverride[]): void {
  for (const override of added) addStrings(override.$code, override, overrides);
  for (const host of hosts) host.requestUpdate();
}

function stringsFor(lang: string): Partial<Translation> {
  let strings = resolved.get(lang);
  if (!strings) resolved.set(lang, (strings = { ...builtIn.get('en'), ...overrides.get('en'), ...builtIn.get(lang), ...overrides.get(lang) }));
  return strings;
}

/**
 * The nearest non-empty `lang` above an element, through the shadow roots it sits in: an element
 * inside a widget speaks the widget's language. Elements reflect an unset `lang` as `lang=""`.
 */
function inheritedLang(element: Element): string | undefined {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
    const lang = node.closest('[lang]:not([lang=""])')?.getAttribute('lang');
    if (lang) return lang;
  }
  return undefined;
}

/**
 * Picks the strings for the host's `lang`, else the nearest `lang` above it, else English. `T`
 * names the strings the host shows, which its module must have added.
 */
export class LocalizeController<T extends Partial<Translation> = Translation> implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected() {
    hosts.add(this.host);
  }

  hostDisconnected() {
    hosts.delete(this.host);
  }

  get lang(): string {
    return (this.host.lang || inheritedLang(this.host) || document.documentElement.lang || 'en').toLowerCase();
  }

  get strings(): T {
    const lang = this.lang;
    const known = [lang, lang.split('-')[0] ?? ''].find((code) => builtIn.has(code) || overrides.has(code)) ?? 'en';
    return stringsFor(known) as T;
  }

  time(timestamp: number): string {
    const lang = this.lang;
    let format = timeFormats.get(lang);
    if (!format) timeFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' })));
    return format.format(timestamp);
  }

  /** A day and time, e.g. when a closed queue opens next. */
  dateTime(timestamp: number): string {
    const lang = this.lang;
    let format = dateTimeFormats.get(lang);
    if (!format) dateTimeFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })));
    return format.format(timestamp);
  }

  /** A file size in the largest unit that keeps it at least 1, e.g. "1.4 MB". */
  fileSize(bytes: number): string {
    let unit = 0;
    let value = bytes;
    while (value >= 1024 && unit < sizeUnits.length - 1) {
      value /= 1024;
      unit++;
    }
    const key = `${this.lang}:${unit}`;
    let format = sizeFormats.get(key);
    if (!format) sizeFormats.set(key, (format = new Intl.NumberFormat(this.lang, { style: 'unit', unit: sizeUnits[unit], maximumFractionDigits: 1 })));
    return format.format(value);
  }

  /** A duration as m:ss, or h:mm:ss past an hour. */
  duration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
    const pad = (n: number) => String(n).padStart(2, '0');
    return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }
}
