/** The embedded default: three demo queues, development sign-in allowed. */
export const demoConfig = {
  queues: [
    { id: 'support-en', name: 'English support', lang: 'en' },
    { id: 'asiakaspalvelu', name: 'Asiakaspalvelu', lang: 'fi' },
    { id: 'kundtjanst', name: 'Kundtjänst', lang: 'sv' },
  ],
};
