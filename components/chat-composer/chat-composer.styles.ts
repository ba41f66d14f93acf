import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    border-block-start: 1px solid var(--_border);
    padding: 0.5em;
    background: var(--_surface);
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.4em;
    align-items: end;
  }
  textarea {
    font: inherit;
    color: inherit;
    background: inherit;
    resize: none;
    unicode-bidi: plaintext;
    min-height: 2.5em;
    max-height: 8em;
    padding: 0.45em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    width: 100%;
  }
  .tools {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 0.3em;
  }
  button.tool {
    padding: 0.15em 0.5em;
    font-size: 0.85em;
    display: inline-flex;
    align-items: center;
    min-height: 2.25em;
  }
  .counter {
    margin-inline-start: auto;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .emoji-picker {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: repeat(8, 1fr);
    gap: 0.15em;
    max-height: 9em;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em;
  }
  .emoji-picker button {
    border: none;
    padding: 0.2em;
    font-size: 1.15em;
    line-height: 1;
  }
  .canned {
    grid-column: 1 / -1;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-height: 14em;
    overflow-y: auto;
    font-size: 0.85em;
  }
  .canned .hint,
  .canned [role='status'] {
    margin: 0.35em 0.6em;
    color: var(--_muted);
  }
  .canned ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .canned li {
    padding: 0.4em 0.6em;
    cursor: pointer;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .canned li[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .uploads {
    grid-column: 1 / -1;
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3em;
    font-size: 0.8em;
  }
  .uploads li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 0.5em;
  }
  .uploads .name {
    overflow-wrap: anywhere;
  }
  .uploads progress {
    flex: 1;
    min-width: 5em;
  }
  .uploads .remove {
    margin-inline-start: auto;
    padding: 0 0.4em;
  }
  .uploads .refusal {
    flex-basis: 100%;
    color: var(--_danger);
  }
  .private-toggle {
    grid-column: 1 / -1;
    font-size: 0.8em;
    display: flex;
    gap: 0.4em;
    align-items: center;
  }
  textarea.private {
    background: var(--tiski-bubble-private-background, #fff3c4);
  }
  .counter.over {
    color: var(--_danger);
  }
`;
