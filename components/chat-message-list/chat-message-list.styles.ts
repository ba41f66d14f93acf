import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    padding: 0.75em;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.6em;
  }
  li {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 85%;
  }
  /* New lines rise into place; tokens stop it for readers who ask for reduced motion. */
  li[data-seq] {
    animation: arrive 0.2s ease-out;
  }
  @keyframes arrive {
    from {
      transform: translateY(0.5em);
    }
  }
  li.own {
    align-self: flex-end;
    align-items: flex-end;
  }
  .author {
    font-size: 0.75em;
    color: var(--_muted);
    margin-block-end: 0.2em;
  }
  .bubble {
    background: var(--tiski-bubble-other-background, #eef1f4);
    color: var(--tiski-bubble-other-color, var(--_text));
    border-radius: var(--_radius);
    padding: 0.45em 0.7em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
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
    gap: 0.35em;
    font-size: 0.7em;
    font-weight: 600;
    text-transform: uppercase;
    margin-block-end: 0.2em;
  }
  li.notice-line {
    align-self: center;
    max-width: 100%;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .notice {
    margin: 0.75em 0 0;
    font-size: 0.8em;
    color: var(--_muted);
    text-align: center;
  }
  .attachments {
    list-style: none;
    margin: 0.3em 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    max-width: 100%;
  }
  .attachment a {
    color: inherit;
  }
  .attachment img {
    display: block;
    min-width: 2.5em;
    min-height: 2.5em;
    object-fit: contain;
    border: 1px solid var(--_border);
    max-width: min(14em, 100%);
    max-height: 10em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    margin: 0.4em 0 0;
    padding: 0;
    list-style: none;
  }
  .choices li {
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0.2em 0.6em;
    opacity: 0.75;
  }
  .choices li.chosen {
    opacity: 1;
    font-weight: 600;
  }
  .typing {
    margin: 0.5em 0 0;
    font-size: 0.8em;
    color: var(--_muted);
    font-style: italic;
  }
  .muted {
    font-size: 0.75em;
    opacity: 0.8;
  }
`;
