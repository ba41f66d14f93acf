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
    max-height: var(--tiski-call-height, 16rem);
    width: 100%;
    margin-inline: auto;
  }
  :host(:fullscreen) .stage {
    max-height: none;
    height: calc(100% - 3rem);
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
    inset-block-end: 0.5rem;
    inset-inline-end: 0.5rem;
    width: 24%;
    min-width: 4rem;
    border: 2px solid #ffffff;
    border-radius: calc(var(--_radius) / 2);
  }
  .status {
    position: absolute;
    inset-block-start: 0.5rem;
    inset-inline-start: 0.5rem;
    margin: 0;
    padding: 0.2rem 0.5rem;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.6);
    font-size: 0.8rem;
  }
  /* Kept while empty, so what it says next is announced. */
  .status:empty {
    padding: 0;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.3rem;
    padding: 0.35rem;
  }
  .controls button {
    padding: 0.3em 0.7em;
    font-size: 0.85rem;
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
    padding: 0.6rem;
    background: #fff4f4;
    color: var(--_danger);
  }
`;
