import { css } from 'lit';

/**
 * Tokens every element reads, with fallbacks; integrators set them on any ancestor. Sizes are in
 * em, never rem: inside a page, rem is the page's root size, not the reader's (media queries may
 * use rem, which there is the reader's default size).
 */
export const tokens = css`
  :host {
    --_accent: var(--tiski-color-accent, #1f5fbf);
    --_on-accent: var(--tiski-color-on-accent, #ffffff);
    --_surface: var(--tiski-color-surface, #ffffff);
    --_text: var(--tiski-color-text, #1b1f24);
    --_muted: var(--tiski-color-muted, #57606a);
    --_border: var(--tiski-color-border, #d0d7de);
    --_danger: var(--tiski-color-danger, #b3261e);
    --_success: var(--tiski-color-success, #1a7f37);
    --_waiting: var(--tiski-color-waiting, #0969da);
    --_radius: var(--tiski-radius, 8px);
    --_font: var(--tiski-font-family, system-ui, sans-serif);
    font-family: var(--_font);
    color: var(--_text);
    box-sizing: border-box;
  }
  *,
  ::before,
  ::after {
    box-sizing: border-box;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 0.4em 0.9em;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
