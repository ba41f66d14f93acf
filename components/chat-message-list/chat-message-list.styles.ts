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
  li.private .bubble {
    background: var(--tiski-bubble-private-background, #fff3c4);
    color: var(--_text);
    border: 1px dashed #b08800;
  }
  .private-label {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.7rem;
    font-weight: 600;
    text-transform: uppercase;
    margin-bottom: 0.15rem;
  }
  li.notice-line {
    align-self: center;
    max-width: 100%;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .notice {
    margin: 0.6rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
    text-align: center;
  }
  .attachments {
    list-style: none;
    margin: 0.3rem 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    max-width: 100%;
  }
  .attachment a {
    color: inherit;
  }
  .attachment img {
    display: block;
    min-width: 2.5rem;
    min-height: 2.5rem;
    object-fit: contain;
    border: 1px solid var(--_border);
    max-width: min(14rem, 100%);
    max-height: 10rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin: 0.4rem 0 0;
    padding: 0;
    list-style: none;
  }
  .choices li {
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0.2rem 0.6rem;
    opacity: 0.75;
  }
  .choices li.chosen {
    opacity: 1;
    font-weight: 600;
  }
  .typing {
    margin: 0.4rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
    font-style: italic;
  }
  .muted {
    font-size: 0.75rem;
    opacity: 0.8;
  }
`;
