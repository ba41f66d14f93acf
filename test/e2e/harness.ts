import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseConfig } from '../../relay/config.js';
import { demoConfig } from '../../relay/demo-config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The relay serving examples/ and dist/ (built by the test command) on a free port, its files in a folder of its own. */
export async function startDemoRelay(overrides: Record<string, unknown> = {}): Promise<RunningRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiski-e2e-'));
  // Queues of a test's own leave the demo's invitations, which name demo queues, behind.
  const invitations = overrides.queues ? { invitations: [] } : {};
  const relay = await startRelay({ config: parseConfig({ ...demoConfig, dataDir, maxConnectionsPerAddress: 0, ...invitations, ...overrides }), port: 0, host: '127.0.0.1' });
  const close = relay.close.bind(relay);
  relay.close = () => {
    close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return relay;
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A fake camera and microphone that need no permission prompt: real WebRTC calls between pages on loopback. */
export const fakeMediaArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Fails the test on any error the page logs, so broken pages cannot pass quietly. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
}

/** A page in its own browser context (its own storage), failing the test on page errors. */
export async function openPage(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

/** On the customer site: open the widget, choose the queue, give a name and wait in line. */
export async function customerStartsChat(page: Page, queueId: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Chat with us' }).click();
  // The start form appears once the connection is open; only then can the queue choice be counted.
  await page.getByLabel('Your name').waitFor();
  const topic = page.getByLabel('Topic');
  if (await topic.count()) await topic.selectOption(queueId);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('status').filter({ hasText: 'in line' }).waitFor();
}

/** On the agent desk: get a demo token, tick the queue and sign in. */
export async function agentSignsIn(page: Page, name: string, queueName: string): Promise<void> {
  await page.getByLabel('Agent name').fill(name);
  await page.getByRole('button', { name: 'Get a demo token' }).click();
  await page.getByRole('checkbox', { name: queueName }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every WebSocket frame `page` receives from now on, as text, in order: what its user's browser was sent. */
export function framesReceived(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
  return frames;
}

/** Writes `text` in the English message box and sends it with Enter; `privately` on an agent desk ticks Private for this one. */
export async function sendMessage(page: Page, text: string, privately = false): Promise<void> {
  const privateBox = page.getByRole('checkbox', { name: 'Private: only agents see it' });
  if (privately) await privateBox.check();
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
  if (privately) await privateBox.uncheck();
}

/** Texts of the message bubbles inside `host` ("Author: text"), in order. */
export function bubbles(page: Page, host: string): Promise<string[]> {
  return page
    .locator(`${host} chat-message-list li[data-seq]`)
    .evaluateAll((items) =>
      items
        .filter((li) => li.querySelector('.bubble'))
        .map((li) => {
          const label = li.querySelector('.private-label') ? 'PRIVATE ' : '';
          return `${li.querySelector('.author')?.textContent?.trim()}: ${label}${li.querySelector('.bubble .text')?.textContent}`;
        }),
    );
}

/**
 * A relay and a browser for the tests of one `describe`, started before them and closed after;
 * `page(path)` opens a page in a fresh browser context.
 */
export function demoPages(overrides: Record<string, unknown> = {}, chromiumArgs: readonly string[] = []) {
  let relay: RunningRelay | undefined;
  let browser: Browser | undefined;
  const errors: string[] = [];
  before(async () => {
    relay = await startDemoRelay(overrides);
    browser = await launchChromium(chromiumArgs);
  });
  after(async () => {
    await browser?.close();
    relay?.close();
  });
  return {
    errors,
    page: (path: string) => openPage(browser!, `${relay!.url}${path}`, errors),
  };
}
