/** Markdown tables. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const bytes = (n: number) => `${Math.round(n).toLocaleString('en-US').replace(/,/g, ' ')} B`;
export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
