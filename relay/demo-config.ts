/**
 * The embedded default: three demo queues, development sign-in allowed.
 * - English support offers each customer to the agent idle longest, and masks personal data in
 *   agents' views;
 * - Asiakaspalvelu lets agents pick customers themselves;
 * - Kundtjänst lets agents pick, and the relay redacts personal data before storing anything.
 * The English and Finnish queues ask an optional pre-chat survey (W1) and let customers return to
 * an ended chat for 15 minutes (W5). Each queue has a few canned
 * responses (C5) and counts its statistics by the hours of its country (Q5).
 */
import type { z } from 'zod';
import type { Routing, SurveyField } from '../protocol/index.js';

const survey: z.input<typeof SurveyField>[] = [
  {
    id: 'topic',
    type: 'select',
    label: { en: 'What is it about?', fi: 'Mitä asia koskee?', sv: 'Vad gäller det?' },
    options: [
      { value: 'order', label: { en: 'An order', fi: 'Tilaus', sv: 'En beställning' } },
      { value: 'billing', label: { en: 'Billing', fi: 'Laskutus', sv: 'Fakturering' } },
      { value: 'other', label: { en: 'Something else', fi: 'Jokin muu', sv: 'Något annat' } },
    ],
  },
  { id: 'order', type: 'text', label: { en: 'Order number', fi: 'Tilausnumero', sv: 'Ordernummer' } },
  { id: 'email', type: 'email', label: { en: 'Email for a reply', fi: 'Sähköposti vastausta varten', sv: 'E-post för svar' } },
];

export const demoConfig = {
  // Proactive chat (W10): on the home page after 45 seconds, for widgets with `proactive`.
  invitations: [
    {
      id: 'home-help',
      queue: 'support-en',
      afterSeconds: 45,
      pages: ['/', '/index.html'],
      message: { en: 'Questions about an order? We are here to help.', fi: 'Kysyttävää tilauksesta? Autamme mielellämme.', sv: 'Frågor om en beställning? Vi hjälper gärna till.' },
    },
  ],
  queues: [
    {
      id: 'support-en',
      name: 'English support',
      lang: 'en',
      timeZone: 'Europe/London',
      maskPii: true,
      routing: 'offer' as Routing,
      alertAfterSeconds: 60,
      video: true,
      returnMinutes: 15,
      survey,
      cannedResponses: [
        { title: 'Greeting', text: 'Hello {customer.name}, this is {agent.name} from {queue.name}. How can I help you?' },
        { title: 'One moment', text: 'Thank you, {customer.name}. Give me a moment while I look into this.' },
        { title: 'Order number', text: 'Could you tell me your order number? It is in the confirmation email.' },
        { title: 'Closing', text: 'Is there anything else I can help you with today?' },
      ],
    },
    {
      id: 'asiakaspalvelu',
      name: 'Asiakaspalvelu',
      lang: 'fi',
      timeZone: 'Europe/Helsinki',
      returnMinutes: 15,
      survey,
      cannedResponses: [
        { title: 'Tervehdys', text: 'Hei {customer.name}, täällä {agent.name}. Miten voin auttaa?' },
        { title: 'Hetki', text: 'Kiitos, {customer.name}. Hetki, selvitän asiaa.' },
        { title: 'Lopetus', text: 'Voinko auttaa vielä jossakin muussa?' },
      ],
    },
    {
      id: 'kundtjanst',
      name: 'Kundtjänst',
      lang: 'sv',
      timeZone: 'Europe/Stockholm',
      maskPii: true,
      redactPii: true,
      cannedResponses: [
        { title: 'Hälsning', text: 'Hej {customer.name}, det här är {agent.name}. Hur kan jag hjälpa dig?' },
        { title: 'Ett ögonblick', text: 'Tack, {customer.name}. Ett ögonblick medan jag tittar på det.' },
        { title: 'Avslutning', text: 'Finns det något mer jag kan hjälpa dig med?' },
      ],
    },
  ],
};
