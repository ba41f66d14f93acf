import { expect } from '@open-wc/testing';
import { enCustomer } from '../../components/i18n/en-customer.js';
import { fiCustomer } from '../../components/i18n/fi-customer.js';
import { launcherStrings } from '../../components/i18n/launcher-strings.js';
import { svCustomer } from '../../components/i18n/sv-customer.js';
import type { CustomerStrings } from '../../components/i18n/translation.js';
import { deepText } from './relay.js';

export type Lang = 'en' | 'fi' | 'sv';

/** The widget's own strings per language, as shipped (the launcher's apart): the tests never spell a translation out. */
export const strings: Record<Lang, CustomerStrings> = {
  en: { ...launcherStrings.en, ...enCustomer },
  fi: { ...launcherStrings.fi, ...fiCustomer },
  sv: { ...launcherStrings.sv, ...svCustomer },
};

/** One string a state shows, worked out from a language's strings (the same arguments for every language). */
export type Shown = (t: CustomerStrings) => string;

/** Attributes that name or describe things for a screen reader or on hover. */
const spokenAttributes = ['aria-label', 'title', 'placeholder', 'alt'];

/** Those attributes' values in a tree, through the shadow roots of the elements inside it. */
export function deepLabels(node: Node): string[] {
  if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return [];
  const own = node instanceof Element ? spokenAttributes.flatMap((a) => node.getAttribute(a) ?? []) : [];
  const children = [...(node instanceof Element && node.shadowRoot ? node.shadowRoot : node).childNodes];
  return [...own, ...children.flatMap(deepLabels)];
}

/** What a person reads or hears in the widget now: its text and its labels, whitespace folded. */
export function heard(el: Element): string {
  const root = el.shadowRoot!;
  return [deepText(root), ...deepLabels(root)].join(' | ').replace(/\s+/g, ' ');
}

/** The deepest focused element, through shadow roots. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every fixed English string, keyed like the Translation (records flattened: `callError.failed`). */
function fixedStrings(t: CustomerStrings): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(t)) {
    if (key.startsWith('$')) continue;
    if (typeof value === 'string') found.set(key, value);
    else if (value && typeof value === 'object') for (const [sub, text] of Object.entries(value as Record<string, string>)) found.set(`${key}.${sub}`, text);
  }
  return found;
}

/**
 * Asserts that the widget, in `state`, says each of `shown` in `lang`; and, for Finnish and
 * Swedish, that neither the English of those nor any fixed English string of the widget shows.
 */
export function expectSpeaks(el: Element, lang: Lang, state: string, shown: Shown[]): void {
  const text = heard(el);
  const t = strings[lang];
  for (const show of shown) {
    expect(text, `${lang}, ${state}: "${show(t)}"`).to.contain(show(t));
    if (lang === 'en') continue;
    const english = show(strings.en);
    expect(show(t), `${lang}, ${state}: "${english}" is not translated`).not.to.equal(english);
    expect(text, `${lang}, ${state}: English "${english}" instead of "${show(t)}"`).not.to.contain(english);
  }
  if (lang === 'en') return;
  const own = fixedStrings(t);
  const leaked = [...fixedStrings(strings.en)].filter(([key, english]) => own.get(key) !== english && text.includes(english)).map(([key, english]) => `${key}: "${english}"`);
  expect(leaked, `${lang}, ${state}: English strings shown`).to.deep.equal([]);
}

/** A pattern for a formatted string whose arguments vary (a running clock): each argument matches `value`. */
export function formatPattern(format: (...args: string[]) => string, value: string, arity = 1): RegExp {
  const mark = '\u0001';
  const escaped = format(...Array.from({ length: arity }, () => mark)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.split(mark).join(value));
}

/** Times as the widget writes them in `lang`: hours and minutes, and durations as m:ss. */
export const clockTime = (lang: Lang, at: number) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(at);
export const opening = (lang: Lang, at: number) =>
  new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
export const minutes = (ms: number) => {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};
