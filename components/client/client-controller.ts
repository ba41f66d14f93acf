import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext } from '../context.js';
import type { TiskiClient } from './tiski-client.js';

/** Follows the client provided above the host and re-renders the host on every change of it. */
export class ClientController implements ReactiveController {
  client?: TiskiClient;
  readonly #onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => this.#follow(client),
    });
  }

  #follow(client: TiskiClient | undefined) {
    if (client === this.client) return;
    this.client?.removeEventListener('change', this.#onChange);
    this.client = client;
    client?.addEventListener('change', this.#onChange);
    this.host.requestUpdate();
  }

  hostConnected() {
    this.client?.addEventListener('change', this.#onChange);
  }

  hostDisconnected() {
    this.client?.removeEventListener('change', this.#onChange);
  }
}
