import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, demoPages } from './harness.js';

/**
 * What a careless or hostile website does to everything on it: important resets on every element
 * (the widget's host included), its own root font size and fonts, stacking on everything, and a
 * cookie bar above all but the topmost.
 */
const hostileCss = `
  html { font-size: 10px; color-scheme: dark; }
  body { font-family: Georgia, serif; line-height: 2; }
  * {
    margin: 0 !important;
    padding: 0 !important;
    box-sizing: content-box !important;
    font: 24px/3 "Comic Sans MS", cursive !important;
    letter-spacing: 3px !important;
    text-transform: uppercase !important;
    color: red !important;
    transition: all 2s !important;
  }
  button, input, textarea, select { all: unset !important; }
  div { position: relative; z-index: 999999; }
  body > * { position: relative !important; z-index: 10 !important; opacity: 0.9 !important; }
  body > .cookie-bar { position: fixed !important; inset: auto 0 0 0 !important; height: 40vh; z-index: 99999999 !important; background: #333; }
`;

/** The widget's parts to compare, by state: each must sit on the same pixels with and without the page's styles. */
const launcherParts = ['[part=launcher]'];
const startParts = ['[part=window]', '[part=header]', '[part=close-button]', '[part=queue-choice] select', 'input[name=name]', '[part=start-button]'];
const chatParts = ['[part=window]', '[part=header]', '[part=end-button]', 'chat-message-list', 'li.own .bubble', 'li.other .bubble', 'chat-composer [part=input]', 'chat-composer [part=send-button]'];

type Boxes = Record<string, { x: number; y: number; width: number; height: number }>;

async function boxes(page: Page, parts: string[]): Promise<Boxes> {
  const found: Boxes = {};
  for (const part of parts) {
    const box = await page.locator(`chat-widget ${part}`).boundingBox();
    assert.ok(box, `${part} is shown`);
    found[part] = box;
  }
  return found;
}

function assertSameBoxes(plain: Boxes, hostile: Boxes, state: string): void {
  for (const [part, box] of Object.entries(plain)) {
    const other = hostile[part]!;
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      assert.ok(Math.abs(box[key] - other[key]) <= 1, `${state}: ${part} ${key} is ${other[key]} on the hostile page, ${box[key]} on a plain one`);
    }
  }
}

/** Whether the widget's host is what a click at the centre of `part` reaches. */
async function onTop(page: Page, part: string): Promise<boolean> {
  const box = (await page.locator(`chat-widget ${part}`).boundingBox())!;
  return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName === 'chat-widget', { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

describe('the widget on a hostile page', () => {
  const { page, errors } = demoPages();

  /**
   * The customer site through the launcher, the start form and a chat, the boxes of each state
   * handed to `seen`; on the hostile page, each state checked as soon as it shows.
   */
  async function visit(agent: Page, hostile: boolean, name: string, seen: (state: string, boxes: Boxes) => void) {
    const customer = await page('/');
    await customer.setViewportSize({ width: 1280, height: 800 });
    if (hostile) {
      // A stylesheet of the page's own, added through the CSSOM: the page's Content Security Policy allows no inline <style>.
      await customer.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, hostileCss);
      await customer.evaluate(() => {
        const bar = document.createElement('div');
        bar.className = 'cookie-bar';
        bar.textContent = 'We use cookies.';
        document.body.append(bar);
      });
    }
    await customer.locator('chat-widget [part=launcher]').waitFor();
    seen('launcher', await boxes(customer, launcherParts));
    if (hostile) assert.equal(await onTop(customer, '[part=launcher]'), true, 'the launcher is above the cookie bar (z-index 99999999)');

    await customer.locator('chat-widget [part=launcher]').click();
    // The first queue has nobody to chat, so its message form shows until the agent's queue is chosen.
    await customer.locator('chat-widget [part=queue-choice] select').selectOption('asiakaspalvelu');
    await customer.locator('chat-widget [part=start-button]').waitFor();
    seen('start form', await boxes(customer, startParts));
    if (hostile) assert.equal(await onTop(customer, '[part=header]'), true, 'the window is above the cookie bar');

    await customer.locator('chat-widget input[name=name]').fill(name);
    await customer.locator('chat-widget [part=start-button]').click();
    await customer.locator('chat-widget [part=waiting]').waitFor();
    await agent.getByRole('button', { name: `Pick ${name}` }).click();
    await customer.locator('chat-widget chat-composer [part=input]').waitFor();
    const agentInput = agent.locator(`chat-session`).getByRole('textbox', { name: 'Message' });
    await agentInput.fill('Hei! Miten voin auttaa?');
    await agentInput.press('Enter');
    await customer.locator('chat-widget li.other .bubble').waitFor();
    await customer.locator('chat-widget chat-composer [part=input]').fill('My invoice looks too high.');
    await customer.locator('chat-widget chat-composer [part=input]').press('Enter');
    await customer.locator('chat-widget li.own .bubble').waitFor();
    // New messages rise into place: measure where they come to rest.
    await customer.evaluate(() =>
      Promise.all(document.querySelector('chat-widget')!.shadowRoot!.querySelector('chat-message-list')!.shadowRoot!.getAnimations().map((a) => a.finished)),
    );
    seen('chat', await boxes(customer, chatParts));
    await customer.locator('chat-widget [part=end-button]').click();
    await customer.locator('chat-widget [part=confirm-end-button]').click();
    await customer.locator('chat-widget [part=new-chat-button]').waitFor();
  }

  it('keeps every part where it is on a plain page, and above the page', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'Asiakaspalvelu');

    const plain = new Map<string, Boxes>();
    await visit(agent, false, 'Maria Virtanen', (state, boxes) => plain.set(state, boxes));
    await visit(agent, true, 'Mikko Virtanen', (state, boxes) => assertSameBoxes(plain.get(state)!, boxes, state));
    assert.deepEqual(errors, []);
  });
});
