/** The real relay the test runner started for these tests. */
export const testRelay = (window as unknown as { TISKI_TEST_RELAY: { ws: string; http: string } }).TISKI_TEST_RELAY;

/** A signed demo token from the development relay. */
export async function agentToken(name: string): Promise<string> {
  const response = await fetch(`${testRelay.http}/dev/token?name=${encodeURIComponent(name)}&sub=${encodeURIComponent(`${name}-${Math.random().toString(36).slice(2)}`)}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

export async function until(check: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
