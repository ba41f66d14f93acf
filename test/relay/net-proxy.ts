/**
 * A TCP proxy between test clients and the relay, standing in for the network: it can cut a
 * connection (both ends see it close) or black-hole it (a silent outage: bytes stop in both
 * directions and nothing is closed), and bring a black-holed connection back.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/** What the network does with the bytes it held during an outage once it is back. */
export type LateBytes = 'deliver' | 'drop';

/** One client connection and its twin towards the relay. */
export class ProxyLink {
  #blackHoled = false;
  #deaf = false;
  #toRelay: Buffer[] = [];
  #toClient: Buffer[] = [];
  #clientGone = false;
  #relayGone = false;
  /** Resolves when the relay's end closed, whether or not the client has heard of it yet. */
  readonly relayClosed: Promise<void>;
  /** The client's local port: how a test finds the link of its socket. */
  readonly clientPort: number;

  constructor(
    readonly client: Socket,
    readonly relay: Socket,
  ) {
    this.clientPort = client.remotePort ?? 0;
    this.relayClosed = new Promise((resolve) => relay.once('close', () => resolve()));
    client.on('data', (chunk: Buffer) => this.#carry(chunk, relay, this.#toRelay, client, this.#blackHoled));
    relay.on('data', (chunk: Buffer) => this.#carry(chunk, client, this.#toClient, relay, this.#blackHoled || this.#deaf));
    client.on('error', () => {});
    relay.on('error', () => {});
    client.on('close', () => this.#gone('client'));
    relay.on('close', () => this.#gone('relay'));
  }

  get blackHoled(): boolean {
    return this.#blackHoled;
  }

  /** Whether either end has closed. */
  get closed(): boolean {
    return this.#clientGone || this.#relayGone;
  }

  #carry(chunk: Buffer, to: Socket, held: Buffer[], from: Socket, silent: boolean): void {
    if (silent) {
      held.push(chunk);
      return;
    }
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  }

  #gone(side: 'client' | 'relay'): void {
    if (side === 'client') this.#clientGone = true;
    else this.#relayGone = true;
    // In an outage neither end can hear of the other's close.
    if (this.#blackHoled) return;
    (side === 'client' ? this.relay : this.client).destroy();
  }

  /** Cuts the connection: both ends see it close at once. */
  cut(): void {
    this.client.destroy();
    this.relay.destroy();
  }

  /**
   * The way back goes silent: what the client sends still reaches the relay, what the relay
   * answers is held. A cut after this loses answers to commands the relay applied.
   */
  deafen(): void {
    this.#deaf = true;
  }

  /** A silent outage starts: nothing passes, nothing is closed. */
  blackHole(): void {
    this.#blackHoled = true;
  }

  /**
   * The network is back. An end that closed meanwhile is now heard of: the other end closes too
   * (as a late FIN, or a reset on the next write, would tell it). Bytes held for an end still
   * open are delivered or dropped.
   */
  restore(late: LateBytes = 'deliver'): void {
    this.#blackHoled = false;
    this.#deaf = false;
    const toRelay = this.#toRelay.splice(0);
    const toClient = this.#toClient.splice(0);
    if (late === 'deliver') {
      if (!this.#relayGone) for (const chunk of toRelay) this.relay.write(chunk);
      if (!this.#clientGone) for (const chunk of toClient) this.client.write(chunk);
    }
    if (this.#relayGone) this.client.end(() => this.client.destroy());
    if (this.#clientGone) this.relay.destroy();
  }
}

export interface ProxyTarget {
  host: string;
  port: number;
}

/** Listens on a free port and carries every connection to `target`, keeping a link for each. */
export class NetProxy {
  readonly #links = new Map<number, ProxyLink>();

  #target: ProxyTarget;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    target: ProxyTarget,
  ) {
    this.#target = target;
  }

  static async start(target: ProxyTarget): Promise<NetProxy> {
    let proxy: NetProxy | undefined;
    const server = createServer({ noDelay: true }, (client) => {
      client.pause();
      const { host, port } = proxy!.#target;
      const relay = connect({ host, port, noDelay: true }, () => client.resume());
      const link = new ProxyLink(client, relay);
      proxy!.#links.set(link.clientPort, link);
      let open = 2;
      const closed = () => --open || proxy!.#links.delete(link.clientPort);
      client.once('close', closed);
      relay.once('close', closed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new NetProxy(server, (server.address() as AddressInfo).port, target);
    return proxy;
  }

  /** Carries new connections to `target` from now on, as a load balancer does once a relay stops answering; open ones stay where they are. */
  routeTo(target: ProxyTarget): void {
    this.#target = target;
  }

  /** The link of the client socket bound to `localPort`. */
  linkOf(localPort: number): ProxyLink | undefined {
    return this.#links.get(localPort);
  }

  get links(): Iterable<ProxyLink> {
    return this.#links.values();
  }

  async close(): Promise<void> {
    for (const link of this.#links.values()) link.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
