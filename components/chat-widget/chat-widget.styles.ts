import { css } from 'lit';

export const styles = css`
  :host {
    position: fixed;
    inset: auto var(--tiski-chat-widget-offset-x, 1.25rem) var(--tiski-chat-widget-offset-y, 1.25rem) auto;
    z-index: var(--tiski-chat-widget-z-index, 2147483000);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.75rem;
    font-size: 0.95rem;
  }
  :host([inline]) {
    position: static;
    align-items: stretch;
  }
  .launcher {
    border-radius: 999px;
    padding: 0.75rem 1.2rem;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.2);
    font-weight: 600;
  }
  section.window {
    width: var(--tiski-chat-widget-width, 22rem);
    max-width: calc(100vw - 2rem);
    height: var(--tiski-chat-widget-height, 32rem);
    max-height: calc(100vh - 6rem);
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.18);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.6rem 0.8rem;
    background: var(--tiski-chat-widget-header-background, var(--_accent));
    color: var(--tiski-chat-widget-header-color, var(--_on-accent));
  }
  h2 {
    margin: 0;
    font-size: 1rem;
  }
  header button {
    background: transparent;
    color: inherit;
    border-color: transparent;
    font-size: 1.1rem;
    line-height: 1;
    padding: 0.25rem 0.5rem;
  }
  .body {
    flex: 1;
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }
  .pane {
    padding: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.85rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .place {
    font-size: 1.1rem;
    font-weight: 600;
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
    gap: 0.4rem;
    padding: 0.35rem 0.6rem;
    border-bottom: 1px solid var(--_border);
  }
  chat-message-list {
    flex: 1;
    min-height: 3rem;
  }
  .chat-times {
    margin: 0;
    padding: 0.3rem 0.6rem;
    font-size: 0.75rem;
    color: var(--_muted);
    border-bottom: 1px solid var(--_border);
  }
  .end-view {
    border-top: 1px solid var(--_border);
    gap: 0.5rem;
  }
  .end-view fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  .stars {
    display: flex;
    gap: 0.2rem;
  }
  .star input {
    position: absolute;
    opacity: 0;
  }
  .star span[aria-hidden] {
    font-size: 1.5rem;
    color: var(--_border);
    cursor: pointer;
  }
  .stars:has(input:checked) .star span[aria-hidden] {
    color: var(--_accent);
  }
  .star:has(input:checked) ~ .star span[aria-hidden] {
    color: var(--_border);
  }
  .star:has(input:focus-visible) span[aria-hidden] {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  chat-call {
    flex: none;
    border-radius: 0;
    --tiski-call-height: 11rem;
  }
`;
