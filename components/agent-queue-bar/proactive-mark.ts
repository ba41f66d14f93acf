import { css, html } from 'lit';
import type { AgentStrings } from '../i18n/translation.js';

/** Drawn inline, like the media icons: a paper plane, the invitation that went out. */
const icon = html`<svg viewBox="0 0 24 24" width="12" height="12" aria-hidden="true"><path fill="currentColor" d="M2 21l21-9L2 3v7l15 2-15 2z"/></svg>`;

/**
 * Marks a waiting customer, an offer or a conversation that began with an accepted invitation
 * (W10): a short word beside an icon, named in full for assistive technology. Used by the queue
 * bar and the chat session, each styling `.proactive` and exposing it as the `proactive` part.
 */
export function proactiveMark(t: Pick<AgentStrings, 'proactive' | 'proactiveLabel'>) {
  return html`<span part="proactive" class="proactive" role="img" aria-label=${t.proactiveLabel} title=${t.proactiveLabel}>${icon} ${t.proactive}</span>`;
}

/** The mark's look, in the styles of each element that shows it. */
export const proactiveMarkStyles = css`
  .proactive {
    display: inline-flex;
    align-items: center;
    gap: 0.2em;
    padding: 0 0.4em;
    border-radius: 999px;
    border: 1px solid currentColor;
    color: var(--_accent);
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    vertical-align: middle;
  }
`;
