import { chromium, type Browser, type Page } from 'playwright-core';
import { parseConfig } from '../../relay/config.js';
import { demoConfig } from '../../relay/demo-config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The relay serving examples/ and dist/ (built by the test command) on a free port. */
export function startDemoRelay(overrides: Record<string, unknown> = {}): Promise<RunningRelay> {
  return startRelay({ config: parseConfig({ ...demoConfig, ...overrides }), port: 0, host: '127.0.0.1' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fails the test on any error the page logs, so broken pages cannot pass quietly. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
}
