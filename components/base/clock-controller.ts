import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders the host every second while `running` is true, for clocks that count up. */
export class ClockController implements ReactiveController {
  #timer?: ReturnType<typeof setInterval>;
  #running = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  set running(running: boolean) {
    if (running === this.#running) return;
    this.#running = running;
    this.#sync();
  }

  hostConnected() {
    this.#sync();
  }

  hostDisconnected() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #sync() {
    clearInterval(this.#timer);
    this.#timer = this.#running ? setInterval(() => this.host.requestUpdate(), 1000) : undefined;
  }
}
