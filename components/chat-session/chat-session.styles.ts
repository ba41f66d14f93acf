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
