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
  .counter {
    grid-column: 1 / -1;
    font-size: 0.75rem;
    color: var(--_muted);
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
