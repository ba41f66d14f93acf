/** `url` as given (http(s) turned into ws(s)), or `/ws` on the page's own host. */
export function relayUrl(url: string): string {
  if (url) return new URL(url, location.href).href.replace(/^http/, 'ws');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
