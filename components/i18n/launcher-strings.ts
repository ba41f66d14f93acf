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
    invitationTitle: 'Invitation to chat',
    invitedBy: (agent) => `${agent} from customer service would be glad to help you.`,
    acceptInvitation: 'Chat now',
    dismissInvitation: 'Not now',
  },
  fi: {
    $code: 'fi',
    $name: 'Suomi',
    connecting: 'Yhdistetään…',
    openChat: 'Keskustele kanssamme',
    closeChat: 'Sulje chat',
    chatTitle: 'Asiakaspalvelu',
    invitationTitle: 'Kutsu keskusteluun',
    invitedBy: (agent) => `${agent} asiakaspalvelusta auttaa mielellään.`,
    acceptInvitation: 'Keskustele nyt',
    dismissInvitation: 'Ei nyt',
  },
  sv: {
    $code: 'sv',
    $name: 'Svenska',
    connecting: 'Ansluter…',
    openChat: 'Chatta med oss',
    closeChat: 'Stäng chatten',
    chatTitle: 'Kundtjänst',
    invitationTitle: 'Inbjudan till chatt',
    invitedBy: (agent) => `${agent} på kundtjänst hjälper dig gärna.`,
    acceptInvitation: 'Chatta nu',
    dismissInvitation: 'Inte nu',
  },
};

for (const strings of Object.values(launcherStrings)) addStrings(strings.$code, strings);
