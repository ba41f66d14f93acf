/** Fills `{customer.name}`-style placeholders (C5); unknown ones stay as written, so the agent sees and edits them. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\{([a-z]+(?:\.[a-z]+)+)\}/gi, (whole, key: string) => values[key.toLowerCase()] ?? whole);
}
