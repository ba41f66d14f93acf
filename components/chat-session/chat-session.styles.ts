import { css } from 'lit';
import { proactiveMarkStyles } from '../agent-queue-bar/proactive-mark.js';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 20rem;
    height: var(--tiski-chat-session-height, 100%);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow: hidden;
  }
  .header {
    display: flex;
    gap: 0.6rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_border);
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.8rem;
  }
  chat-message-list {
    flex: 1;
    min-height: 4rem;
  }
  .conversation {
    flex: 1;
    display: flex;
    min-height: 0;
  }
  .main {
    flex: 1 1 22rem;
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
  }
  .side {
    flex: 0 0 15rem;
    border-inline-start: 1px solid var(--_border);
    padding: 0.6rem;
    font-size: 0.85rem;
    overflow-y: auto;
    min-width: 0;
  }
  @container (max-width: 36rem) {
    .conversation {
      flex-direction: column;
    }
    .side {
      flex: 0 0 auto;
      max-height: 8rem;
      border-inline-start: none;
      border-top: 1px solid var(--_border);
    }
  }
  .customer-info h3 {
    margin: 0 0 0.4rem;
    font-size: 0.95rem;
  }
  .customer-info dl {
    margin: 0 0 0.6rem;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2rem 0.5rem;
  }
  .customer-info dt {
    color: var(--_muted);
  }
  .customer-info dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .customer-info .verified dd {
    font-weight: 600;
  }
  .customer-info .lock {
    color: var(--_success);
  }
  .choice-form fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0.5rem;
    display: grid;
    gap: 0.4rem;
  }
  .choice-form label {
    display: grid;
    gap: 0.15rem;
    font-size: 0.85rem;
    flex: 1;
  }
  .choice-form input {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .choice-form .option-row,
  .choice-form .buttons {
    display: flex;
    gap: 0.4rem;
    align-items: end;
  }
  .panel {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-height: 0;
    container-type: inline-size;
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
    padding: 0.4rem 0.5rem 0;
    border-bottom: 1px solid var(--_border);
    overflow-x: auto;
  }
  .tab {
    border-bottom-left-radius: 0;
    border-bottom-right-radius: 0;
    border-bottom: none;
    white-space: nowrap;
  }
  .tab[aria-selected='true'] {
    background: var(--tiski-tab-selected-background, var(--_accent));
    color: var(--tiski-tab-selected-color, var(--_on-accent));
  }
  .tab.ended {
    font-style: italic;
  }
  .unread {
    display: inline-block;
    margin-left: 0.3rem;
    min-width: 1.4em;
    padding: 0 0.35em;
    border-radius: 999px;
    background: var(--_danger);
    color: #fff;
    font-size: 0.75rem;
    text-align: center;
  }
  .actions {
    display: flex;
    gap: 0.4rem;
    align-items: center;
    flex-wrap: wrap;
  }
  .empty {
    margin: auto;
    padding: 2rem;
    color: var(--_muted);
    text-align: center;
  }
  .error {
    color: var(--_danger);
    padding: 0 0.75rem;
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
    padding: 0.3rem 0.5rem 0;
  }
  .request,
  .request-status,
  .notice {
    margin: 0.4rem 0.6rem 0;
    padding: 0.35rem 0.6rem;
    border-radius: var(--_radius);
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    font-size: 0.85rem;
  }
  .request {
    border: 2px solid var(--_accent);
    background: var(--tiski-offer-background, #f3f7fe);
  }
  .request-status,
  .notice {
    background: var(--tiski-status-background, #f0f3f6);
  }
  .chooser,
  .wrap-up,
  .recent {
    margin: 0.5rem 0.6rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    max-height: 22rem;
    overflow-y: auto;
  }
  .chooser-head {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .chooser-head h3,
  .wrap-up h3 {
    margin: 0 auto 0 0;
    font-size: 0.95rem;
  }
  .chooser-lists {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
  }
  .chooser h4 {
    margin: 0.2rem 0;
    font-size: 0.85rem;
  }
  .chooser ul,
  .recent-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .chooser li button,
  .recent-list button {
    width: 100%;
    text-align: left;
  }
  .wrap-up label,
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.85rem;
  }
  .wrap-up input,
  .wrap-up textarea,
  .filter input {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .transcript {
    margin: 0;
    padding-left: 1.2rem;
    font-size: 0.85rem;
  }
  .transcript li.private {
    background: var(--tiski-bubble-private-background, #fff3c4);
  }
  ${proactiveMarkStyles}
`;
