/**
 * The embedded default: three demo queues, development sign-in allowed. English support masks
 * personal data in agents' views; kundtjänst also has the relay redact it before storing.
 */
export const demoConfig = {
  queues: [
    { id: 'support-en', name: 'English support', lang: 'en', maskPii: true },
    { id: 'asiakaspalvelu', name: 'Asiakaspalvelu', lang: 'fi' },
    { id: 'kundtjanst', name: 'Kundtjänst', lang: 'sv', maskPii: true, redactPii: true },
  ],
};
