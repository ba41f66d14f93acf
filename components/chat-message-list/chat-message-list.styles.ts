import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 0.75rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  li {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 85%;
  }
  li.own {
    align-self: flex-end;
    align-items: flex-end;
  }
  .author {
    font-size: 0.75rem;
    color: var(--_muted);
    margin-bottom: 0.15rem;
  }
  .bubble {
    background: var(--tiski-bubble-other-background, #eef1f4);
    color: var(--tiski-bubble-other-color, var(--_text));
    border-radius: var(--_radius);
    padding: 0.45rem 0.7rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  li.own .bubble {
    background: var(--tiski-bubble-own-background, var(--_accent));
    color: var(--tiski-bubble-own-color, var(--_on-accent));
  }
  .notice {
    margin: 0.6rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
    text-align: center;
  }
`;
