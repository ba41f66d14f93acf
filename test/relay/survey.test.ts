import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SurveyField } from '../../protocol/index.js';
import { parseConfig } from '../../relay/config.js';
import { QUEUE_A, replyCode, startTestRelay } from './helpers.js';

const survey: SurveyField[] = [
  { id: 'order', type: 'text', label: { en: 'Order number', fi: 'Tilausnumero' }, required: true },
  { id: 'email', type: 'email', label: 'Email' },
  {
    id: 'topic',
    type: 'select',
    label: { en: 'Topic', fi: 'Aihe' },
    required: true,
    options: [
      { value: 'billing', label: { en: 'Billing', fi: 'Laskutus' } },
      { value: 'delivery', label: { en: 'Delivery', fi: 'Toimitus' } },
    ],
  },
  { id: 'details', type: 'textarea', label: { en: 'Details', fi: 'Lisätiedot' } },
];

const join = { type: 'join' as const, queue: 'kysely', name: 'Maija' };

describe('pre-chat survey (W1)', () => {
  it('is listed with its queue in the welcome, and queues without one list none', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'kysely', name: 'Kysely', lang: 'fi', survey }] });
    const { welcome } = await relay.customer('Maija');
    assert.deepEqual(welcome.queues.find((q) => q.id === 'kysely')?.survey, survey);
    assert.equal(welcome.queues.find((q) => q.id === QUEUE_A)?.survey, undefined);
  });

  it('gives agents the answers in the survey’s order, labelled in the queue’s language, a select’s as its label', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'kysely', name: 'Kysely', lang: 'fi', survey }] });
    const agent = await relay.agent('alice', ['kysely']);
    const { client } = await relay.customer('Maija');
    const answers = { topic: 'delivery', order: ' 12345 ', details: 'Paketti <b>ei</b> tullut' };
    assert.equal(replyCode(await client.request({ ...join, survey: answers })), 'ack');
    const pick = await agent.client.request({ type: 'pick', queue: 'kysely' });
    assert.equal(replyCode(pick), 'ack');
    const started = await agent.client.next('conversation-started');
    assert.deepEqual(started.info?.answers, [
      { label: 'Tilausnumero', value: '12345' },
      { label: 'Aihe', value: 'Toimitus' },
      { label: 'Lisätiedot', value: 'Paketti <b>ei</b> tullut' },
    ]);
  });

  it('refuses answers that break the survey with survey-invalid, naming the question, and leaves the customer out of line', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'kysely', name: 'Kysely', lang: 'en', survey }] });
    const { client } = await relay.customer('Maija');
    const cases: Array<[Record<string, string> | undefined, RegExp]> = [
      [undefined, /"Order number" needs an answer/],
      [{ order: '   ', topic: 'billing' }, /"Order number" needs an answer/],
      [{ order: '1', topic: 'refunds' }, /"Topic" takes one of its options only/],
      [{ order: '1', topic: 'billing', email: 'not an email' }, /"Email" needs an email address/],
      [{ order: 'x'.repeat(201), topic: 'billing' }, /"Order number" is too long/],
      [{ order: '1', topic: 'billing', shoe: '42' }, /asks no question "shoe"/],
    ];
    for (const [answers, message] of cases) {
      const reply = await client.request({ ...join, ...(answers ? { survey: answers } : {}) });
      assert.equal(replyCode(reply), 'survey-invalid', JSON.stringify(answers));
      assert.match(reply.type === 'error' ? reply.message : '', message);
    }
    const tooLong = await client.request({ ...join, survey: { details: 'x'.repeat(1001) } });
    assert.equal(replyCode(tooLong), 'invalid-message', 'past the protocol’s limit the frame itself is refused');
    assert.equal(replyCode(await client.request({ type: 'leave' })), 'not-waiting', 'no refused join put the customer in line');
    assert.equal(replyCode(await client.request({ ...join, survey: { order: '1', topic: 'billing', email: 'maija@example.fi' } })), 'ack');
  });

  it('redacts answers where the queue redacts, before agents or webhooks see them', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'kysely', name: 'Kysely', redactPii: true, survey }] });
    const agent = await relay.agent('alice', ['kysely']);
    const { client } = await relay.customer('Maija');
    assert.equal(replyCode(await client.request({ ...join, survey: { order: '1', topic: 'billing', email: 'maija@example.fi', details: 'Call +358 40 123 4567' } })), 'ack');
    assert.equal(replyCode(await agent.client.request({ type: 'pick', queue: 'kysely' })), 'ack');
    const started = await agent.client.next('conversation-started');
    const text = JSON.stringify(started.info?.answers);
    assert.ok(!text.includes('maija@example.fi') && !text.includes('123 4567'), text);
  });

  it('takes no survey that could not be asked: duplicate ids, a select without options, options on a text field', () => {
    const queue = (fields: unknown[]) => ({ queues: [{ id: 'q', name: 'Q', survey: fields }] });
    assert.throws(() => parseConfig(queue([survey[0], survey[0]])), /survey field ids must be unique/);
    assert.throws(() => parseConfig(queue([{ id: 'a', type: 'select', label: 'A' }])), /a select needs options/);
    assert.throws(() => parseConfig(queue([{ id: 'a', type: 'text', label: 'A', options: survey[2]!.options }])), /only a select has them/);
    assert.throws(() => parseConfig(queue([{ id: 'A b', type: 'text', label: 'A' }])), /lower-case letters/);
    assert.doesNotThrow(() => parseConfig(queue(survey)));
  });
});
