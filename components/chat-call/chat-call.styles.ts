import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--tiski-call-background, #10151b);
    color: #ffffff;
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .stage {
    position: relative;
    aspect-ratio: 4 / 3;
    max-height: var(--tiski-call-height, 16em);
    width: 100%;
    margin-inline: auto;
  }
  :host(:fullscreen) .stage {
    max-height: none;
    height: calc(100% - 3em);
    aspect-ratio: auto;
  }
  video {
    display: block;
    background: #000000;
  }
  .remote {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .self {
    position: absolute;
    inset-block-end: 0.5em;
    inset-inline-end: 0.5em;
    width: 24%;
    min-width: 4em;
    border: 2px solid #ffffff;
    border-radius: calc(var(--_radius) / 2);
  }
  .status {
    position: absolute;
    inset-block-start: 0.6em;
    inset-inline-start: 0.6em;
    margin: 0;
    padding: 0.25em 0.6em;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.6);
    font-size: 0.8em;
  }
  /* Kept while empty, so what it says next is announced. */
  .status:empty {
    padding: 0;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.3em;
    padding: 0.35em;
  }
  .controls button {
    padding: 0.3em 0.7em;
    font-size: 0.85em;
  }
  .controls button[aria-pressed='true'] {
    background: #ffe08a;
    color: #1b1f24;
  }
  .controls .hang-up {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #ffffff;
  }
  .error {
    margin: 0;
    padding: 0.6em;
    background: #fff4f4;
    color: var(--_danger);
  }
`;
