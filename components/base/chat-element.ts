import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/** The base of every Tiski element: a reactive `lang` and `dir`, and a define that tolerates a second copy. */
export class ChatElement extends LitElement {
  /** Language of the element's own strings (`en`, `fi`, `sv`); inherits the page's when unset. */
  @property({ reflect: true }) override lang = '';
  /** Text direction; inherits the page's when unset. */
  @property({ reflect: true }) override dir = '';

  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
