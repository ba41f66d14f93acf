import { css } from 'lit';

/**
 * The host is reset with `all: initial !important`: a shadow root's important declarations beat the
 * page's, so no page rule (`* { font: … !important }`, `chat-widget { position: static !important }`)
 * moves, resizes or restyles the widget, and nothing inherited from the page leaks in. Custom
 * properties are not reset, so integrators theme with `--tiski-*` and `::part()`. Sizes are in em
 * from `font-size: medium` (what `all: initial` leaves): the reader's default font size, whatever
 * the page sets on its root. Insets are logical: the corner is bottom-right, bottom-left in RTL.
 * On narrow screens the open window fills the viewport (`dvh`, so the composer stays above the
 * on-screen keyboard); when the window is short (200 % zoom) its body scrolls under the header.
 */
export const styles = css`
  :host {
    all: initial !important;
    position: fixed !important;
    inset-inline-end: var(--tiski-chat-widget-offset-x, 1.25em) !important;
    inset-block-end: var(--tiski-chat-widget-offset-y, 1.25em) !important;
    z-index: var(--tiski-chat-widget-z-index, 2147483000) !important;
    display: grid !important;
    font-family: var(--_font) !important;
    color: var(--_text) !important;
  }
  :host([inline]) {
    position: static !important;
  }
  .launcher {
    border-radius: 999px;
    padding: 0.75em 1.2em;
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.18);
    font-weight: 600;
  }
  .invitation {
    justify-self: end;
    max-width: 18em;
    margin-block-end: 0.75em;
    padding: 0.75em 1em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.18);
  }
  .invitation p {
    margin: 0 0 0.6em;
  }
  .invitation div {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .window {
    width: var(--tiski-chat-widget-width, 22em);
    max-width: calc(100vw - 2em);
    height: var(--tiski-chat-widget-height, 32em);
    max-height: calc(100vh - 6em);
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.18);
    overflow: hidden;
  }
  @media (max-width: 30rem) {
    :host([open]:not([inline])) {
      inset: 0 !important;
    }
    :host(:not([inline])) .window {
      width: 100%;
      max-width: none;
      height: 100vh;
      height: 100dvh;
      max-height: none;
      border-radius: 0;
    }
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    padding: 0.6em 0.8em;
    background: var(--tiski-chat-widget-header-background, var(--_accent));
    color: var(--tiski-chat-widget-header-color, var(--_on-accent));
  }
  h2 {
    margin: 0;
    font-size: 1em;
  }
  header button {
    background: none;
    color: inherit;
    border: 0;
    font-size: 1.1em;
    line-height: 1;
    padding: 0.25em 0.5em;
  }
  .body {
    flex: 1;
    display: flex;
    flex-direction: column;
    overflow: auto;
  }
  .pane {
    padding: 1em;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .body > .queue-choice {
    padding: 1em 1em 0;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
    font-size: 0.85em;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.5em 0.7em;
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
    font-size: 1.1em;
    font-weight: 600;
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
    gap: 0.4em;
    padding: 0.35em 0.6em;
    border-block-end: 1px solid var(--_border);
  }
  chat-message-list {
    flex: 1;
    min-height: 3em;
  }
  .chat-times {
    margin: 0;
    padding: 0.4em 0.8em;
    font-size: 0.75em;
    color: var(--_muted);
    border-block-end: 1px solid var(--_border);
  }
  .end-view {
    border-block-start: 1px solid var(--_border);
    gap: 0.5em;
  }
  .end-view fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4em;
  }
  .stars {
    display: flex;
    gap: 0.2em;
  }
  .star input {
    position: absolute;
    opacity: 0;
  }
  .star span[aria-hidden] {
    font-size: 1.5em;
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
    --tiski-call-height: 11em;
  }
`;
