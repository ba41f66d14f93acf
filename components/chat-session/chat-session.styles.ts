import { css } from 'lit';

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
  }
  .panel {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-height: 0;
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
`;
