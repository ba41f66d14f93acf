import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';
import type { Translation, TranslationOverride } from './translation.js';

const translations = new Map<string, Translation>([
  ['en', en],
  ['fi', fi],
  ['sv', sv],
]);
const hosts = new Set<ReactiveControllerHost>();
/** Building a formatter costs far more than using one: one per language, shared. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const sizeFormats = new Map<string, Intl.NumberFormat>();
const sizeUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** Adds a language, or overrides strings of one; elements already on the page update. */
export function registerTranslation(...overrides: TranslationOverride[]): void {
  for (const override of overrides) {
    const code = override.$code.toLowerCase();
    translations.set(code, { ...(translations.get(code) ?? en), ...override } as Translation);
  }
  for (const host of hosts) host.requestUpdate();
}

/** Picks the strings for the host's `lang`, else the nearest `lang` above it, else English. */
export class LocalizeController implements ReactiveController {
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
    const lang = this.host.lang || this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
    return lang.toLowerCase();
  }

  get strings(): Translation {
    const lang = this.lang;
    return translations.get(lang) ?? translations.get(lang.split('-')[0] ?? '') ?? en;
  }

  time(timestamp: number): string {
    const lang = this.lang;
    let format = timeFormats.get(lang);
    if (!format) timeFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' })));
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
