/** The strings the widget's first load carries, in every built-in language: the launcher and the window's frame. */
import { addStrings } from './localize.js';
import type { LauncherStrings } from './translation.js';

export const launcherStrings: Record<'en' | 'fi' | 'sv', LauncherStrings> = {
  en: {
    $code: 'en',
    $name: 'English',
    connecting: 'Connecting…',
    openChat: 'Chat with us',
    closeChat: 'Close chat',
    chatTitle: 'Customer service',
  },
  fi: {
    $code: 'fi',
    $name: 'Suomi',
    connecting: 'Yhdistetään…',
    openChat: 'Keskustele kanssamme',
    closeChat: 'Sulje chat',
    chatTitle: 'Asiakaspalvelu',
  },
  sv: {
    $code: 'sv',
    $name: 'Svenska',
    connecting: 'Ansluter…',
    openChat: 'Chatta med oss',
    closeChat: 'Stäng chatten',
    chatTitle: 'Kundtjänst',
  },
};

for (const strings of Object.values(launcherStrings)) addStrings(strings.$code, strings);
