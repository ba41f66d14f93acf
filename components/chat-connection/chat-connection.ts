import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ChatElement } from '../base/chat-element.js';
import { relayUrl } from '../client/relay-url.js';
import { TiskiClient } from '../client/tiski-client.js';
import { clientContext } from '../context.js';

/**
 * @summary Holds the agent side's one connection to the relay and shares it with every Tiski element inside it.
 * @tag chat-connection
 * @slot - The host page's layout, with `<agent-queue-bar>` and `<chat-session>` anywhere in it.
 */
export class ChatConnection extends ChatElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The relay's WebSocket URL; defaults to `/ws` on the page's own host. */
  @property() url = '';
  /** The agent's token, signed by the integrator's backend. Connecting waits until it is set. */
  @property() token = '';

  readonly #provider = new ContextProvider(this, { context: clientContext });

  /** The current connection, if a token is set. */
  get client(): TiskiClient | undefined {
    return this.#provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('url') || changed.has('token')) this.#reconnect();
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) this.#reconnect();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#provider.value?.close();
    this.#provider.setValue(undefined);
  }

  #reconnect() {
    this.#provider.value?.close();
    if (!this.token) {
      this.#provider.setValue(undefined);
      return;
    }
    const client = new TiskiClient({ url: relayUrl(this.url), role: 'agent', token: this.token });
    this.#provider.setValue(client);
    client.connect();
  }

  override render() {
    return html`<slot></slot>`;
  }
}
