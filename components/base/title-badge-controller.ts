import type { ReactiveController, ReactiveControllerHost } from 'lit';

const badge = /^\(\d+\) /;

/** Puts "(n) " before the page's title while `count` is above zero, and takes it away after. */
export class TitleBadgeController implements ReactiveController {
  #count = 0;
  enabled = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  set count(count: number) {
    this.#count = count;
    this.#apply();
  }

  hostConnected() {
    this.#apply();
  }

  hostDisconnected() {
    document.title = document.title.replace(badge, '');
  }

  #apply() {
    const plain = document.title.replace(badge, '');
    const title = this.enabled && this.#count > 0 ? `(${this.#count}) ${plain}` : plain;
    if (title !== document.title) document.title = title;
  }
}
