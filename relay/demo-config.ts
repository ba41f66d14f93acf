/**
 * The embedded default: three demo queues, development sign-in allowed.
 * - English support offers each customer to the agent idle longest, and masks personal data in
 *   agents' views;
 * - Asiakaspalvelu lets agents pick customers themselves;
 * - Kundtjänst lets agents pick, and the relay redacts personal data before storing anything.
 */
export const demoConfig = {
  queues: [
    { id: 'support-en', name: 'English support', lang: 'en', maskPii: true, routing: 'offer', alertAfterSeconds: 60 },
    { id: 'asiakaspalvelu', name: 'Asiakaspalvelu', lang: 'fi' },
    { id: 'kundtjanst', name: 'Kundtjänst', lang: 'sv', maskPii: true, redactPii: true },
  ],
};
