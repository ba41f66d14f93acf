import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, bubbles, demoPages } from './harness.js';

const messageCount = (page: Page, n: number) =>
  page.waitForFunction(
    (n) => document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq] .bubble').length === n,
    n,
  );

async function write(page: Page, label: string, text: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.fill(text);
  await input.press('Enter');
}

describe('the customer’s whole journey in the widget', () => {
  const { page, errors } = demoPages();

  it('in Finnish: survey, chat, end, rating and the transcript, without the agents’ private note', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Aino', 'Asiakaspalvelu');

    const customer = await page('/');
    await customer.locator('chat-widget').evaluate((el) => el.setAttribute('lang', 'fi'));
    await customer.getByRole('button', { name: 'Keskustele kanssamme' }).click();
    await customer.getByLabel('Nimesi').waitFor();
    await customer.getByLabel('Aihe').selectOption('asiakaspalvelu');
    await customer.getByLabel('Mitä asia koskee?').selectOption('billing');
    await customer.getByLabel('Tilausnumero').fill('A-1234');
    await customer.getByLabel('Sähköposti vastausta varten').fill('ei-osoite');
    await customer.getByLabel('Nimesi').fill('Maija Meikäläinen');
    await customer.getByRole('button', { name: 'Aloita keskustelu' }).click();
    // The widget's own check, in Finnish, before anything is sent.
    await customer.getByText('Anna sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.').waitFor();
    await customer.getByLabel('Sähköposti vastausta varten').fill('maija@example.fi');
    await customer.getByRole('button', { name: 'Aloita keskustelu' }).click();
    await customer.getByText('Olet seuraavana vuorossa.').waitFor();

    await agent.getByRole('button', { name: 'Pick Maija Meikäläinen' }).click();
    await agent.locator('chat-session h2', { hasText: 'Maija Meikäläinen' }).waitFor();
    const info = agent.getByRole('region', { name: 'Customer' });
    for (const [label, value] of [
      ['Mitä asia koskee?', 'Laskutus'],
      ['Tilausnumero', 'A-1234'],
      ['Sähköposti vastausta varten', 'maija@example.fi'],
    ]) {
      await info.locator('dt', { hasText: label }).waitFor();
      assert.equal(await info.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText(), value);
    }
    await customer.getByRole('heading', { name: 'Keskustelu: Aino' }).waitFor();

    await write(customer, 'Viesti', 'Laskussani on virhe.');
    await write(agent, 'Message', 'Hei Maija, katson asiaa.');
    await agent.getByRole('checkbox', { name: 'Private: only agents see it' }).check();
    await write(agent, 'Message', 'Sisäinen muistiinpano: tarkista alennus');
    await agent.getByRole('checkbox', { name: 'Private: only agents see it' }).uncheck();
    await write(agent, 'Message', 'Korjasin laskun.');
    await messageCount(customer, 3);
    assert.deepEqual(await bubbles(customer, 'chat-widget'), ['Sinä: Laskussani on virhe.', 'Aino: Hei Maija, katson asiaa.', 'Aino: Korjasin laskun.']);

    await customer.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    await customer.getByText('Lopetetaanko keskustelu?').waitFor();
    await customer.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    await customer.getByText('Keskustelu on päättynyt.').waitFor();
    await agent.getByText('The customer ended the conversation.').waitFor();

    await customer.getByRole('radio', { name: '4 tähteä' }).check();
    await customer.getByLabel('Kommentti (valinnainen)').fill('Nopeaa palvelua');
    await customer.getByRole('button', { name: 'Lähetä arvio' }).click();
    await customer.getByText('Kiitos arviostasi.').waitFor();

    const [download] = await Promise.all([customer.waitForEvent('download'), customer.getByRole('button', { name: 'Lataa keskustelu tiedostona' }).click()]);
    assert.match(download.suggestedFilename(), /^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    const transcript = await readFile((await download.path())!, 'utf8');
    assert.match(transcript, /^Keskustelu: Aino, \d{4}-\d{2}-\d{2}/);
    for (const line of ['Laskussani on virhe.', 'Hei Maija, katson asiaa.', 'Korjasin laskun.', 'Keskustelu on päättynyt.']) assert.ok(transcript.includes(line), `${line} in\n${transcript}`);
    assert.ok(!transcript.includes('muistiinpano') && !transcript.includes('alennus'), 'no private note in the transcript');
    assert.deepEqual(errors, []);
  });

  it('shows one conversation in two tabs of the site, live both ways, and keeps it across a page change', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'Asiakaspalvelu');

    const first = await page('/');
    const second = await first.context().newPage();
    await second.goto(first.url());
    assert.equal(await second.evaluate(() => localStorage.length), 0, 'nothing stored before the customer opens the chat');

    await first.getByRole('button', { name: 'Chat with us' }).click();
    await first.getByLabel('Your name').waitFor();
    await first.getByLabel('Topic').selectOption('asiakaspalvelu');
    await first.getByLabel('Your name').fill('Tove Tabs');
    await first.getByRole('button', { name: 'Start chat' }).click();
    await first.getByText('You are next in line.').waitFor();
    // The other tab follows without a click, though its proactive widget was a visitor of its own until now.
    await second.getByText('You are next in line.').waitFor();

    await agent.getByRole('button', { name: 'Pick Tove Tabs' }).click();
    await first.getByRole('heading', { name: 'Chat with Alice' }).waitFor();
    await second.getByRole('heading', { name: 'Chat with Alice' }).waitFor();
    await write(first, 'Message', 'Written in the first tab');
    await write(second, 'Message', 'Written in the second tab');
    await write(agent, 'Message', 'Seen in both');
    const expected = ['You: Written in the first tab', 'You: Written in the second tab', 'Alice: Seen in both'];
    for (const tab of [first, second]) {
      await messageCount(tab, 3);
      assert.deepEqual(await bubbles(tab, 'chat-widget'), expected);
    }

    // Another page of the site: the same conversation.
    await second.goto(new URL('/framework.html', first.url()).href);
    await second.getByRole('heading', { name: 'Chat with Alice' }).waitFor();
    await messageCount(second, 3);
    assert.deepEqual(await bubbles(second, 'chat-widget'), expected);

    await second.getByRole('button', { name: 'End chat' }).click();
    await second.getByRole('button', { name: 'End chat' }).click();
    await first.getByText('The chat has ended.').waitFor();
    await agent.getByText('The customer ended the conversation.').waitFor();
    // Putting the ended chat away in one tab puts it away in the other.
    await first.getByRole('button', { name: 'Start a new chat' }).click();
    await second.getByLabel('Your name').waitFor();
    assert.deepEqual(errors, []);
  });
});
