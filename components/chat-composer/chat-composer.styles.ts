import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    border-top: 1px solid var(--_border);
    padding: 0.5rem;
    background: var(--_surface);
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.4rem;
    align-items: end;
  }
  textarea {
    font: inherit;
    color: inherit;
    background: inherit;
    resize: none;
    min-height: 2.5rem;
    max-height: 8rem;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    width: 100%;
  }
  .tools {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 0.3rem;
  }
  button.tool {
    padding: 0.15em 0.5em;
    font-size: 0.85rem;
    display: inline-flex;
    align-items: center;
    min-height: 1.9rem;
  }
  .counter {
    margin-inline-start: auto;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .emoji-picker {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: repeat(8, 1fr);
    gap: 0.15rem;
    max-height: 9rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem;
  }
  .emoji-picker button {
    border: none;
    padding: 0.2rem;
    font-size: 1.15rem;
    line-height: 1;
  }
  .canned {
    grid-column: 1 / -1;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-height: 12rem;
    overflow-y: auto;
    font-size: 0.85rem;
  }
  .canned .hint,
  .canned [role='status'] {
    margin: 0.3rem 0.5rem;
    color: var(--_muted);
  }
  .canned ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .canned li {
    padding: 0.35rem 0.5rem;
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
    gap: 0.25rem;
    font-size: 0.8rem;
  }
  .uploads li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.2rem 0.4rem;
  }
  .uploads .name {
    overflow-wrap: anywhere;
  }
  .uploads progress {
    flex: 1;
    min-width: 4rem;
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
    font-size: 0.8rem;
    display: flex;
    gap: 0.3rem;
    align-items: center;
  }
  textarea.private {
    background: var(--tiski-bubble-private-background, #fff3c4);
  }
  .counter.over {
    color: var(--_danger);
  }
`;
