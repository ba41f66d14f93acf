import {
  ClientMessage,
  limits,
  PROTOCOL_VERSION,
  WS_PATH,
  type ErrorCode,
  type HelloCommand,
  type ServerMessage,
} from '../../protocol/index.js';
import { verifyToken } from '../auth/jwt.js';
import { after, internalFault, reportFault, type Connecting, type DomainPort } from '../port/domain-port.js';
import { uws, type TemplatedApp } from './native-uws.js';
import { RateLimiter } from './rate-limit.js';
import { closeCodes, sendOrDrop, type RelaySocket, type RelaySocketData, type SocketRegistry } from './socket-registry.js';

export interface WsEndpointOptions {
  domain: DomainPort;
  registry: SocketRegistry;
  secret: string;
  /** The `aud` agent tokens must name, when set. */
  audience?: string | undefined;
  allowedOrigins: readonly string[];
  /** Silence after which a socket is pinged and, unanswered, closed (uWS's idle timeout). */
  idleSeconds: number;
  /** Connections one address may hold at once; 0: any number. */
  maxConnectionsPerAddress: number;
  clock: () => number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function mountWsEndpoint(app: TemplatedApp, options: WsEndpointOptions): void {
  const { domain, registry, clock } = options;
  const perAddress = new Map<string, number>();
  const reply = (ws: RelaySocket, event: ServerMessage) => sendOrDrop(ws, JSON.stringify(event));
  const fail = (ws: RelaySocket, code: ErrorCode, message: string, id?: string) =>
    reply(ws, id === undefined ? { type: 'error', code, message } : { type: 'error', code, message, id });

  function hello(ws: RelaySocket, command: HelloCommand): void {
    const data = ws.getUserData();
    if (data.actor || data.awaitingHello) return fail(ws, 'already-connected', 'this connection has already said hello', command.id);
    if (command.v !== PROTOCOL_VERSION) {
      fail(ws, 'version-mismatch', `this relay speaks protocol ${PROTOCOL_VERSION}, the client ${command.v}; reload the page`, command.id);
      ws.end(closeCodes.versionMismatch, 'protocol version mismatch');
      return;
    }
    let who: Connecting;
    if (command.role === 'agent') {
      if (!command.token) return fail(ws, 'token-invalid', 'agents must send a token', command.id);
      const verified = verifyToken(command.token, options.secret, Math.floor(clock() / 1000), options.audience);
      if (!verified.ok) return fail(ws, verified.code, verified.message, command.id);
      who = { role: 'agent', claims: verified.claims };
    } else {
      if (options.allowedOrigins.length && !options.allowedOrigins.includes(data.origin)) {
        return fail(ws, 'forbidden', `the origin "${data.origin}" may not open customer chats`, command.id);
      }
      who = { role: 'customer', resume: command.resume };
    }
    // Frames sent before the answer wait for it (in the shared mode the leader answers).
    data.awaitingHello = [];
    after(domain.connect(ws, who, { epoch: command.epoch, streams: command.streams }), (connected) => {
      const waiting = data.awaitingHello ?? [];
      delete data.awaitingHello;
      if (!connected.ok) fail(ws, connected.code, connected.message, command.id);
      else {
        if (who.role === 'agent') data.expiresAt = who.claims.exp * 1000;
        reply(ws, { type: 'ack', id: command.id });
      }
      for (const text of waiting) if (!data.closed) receive(ws, text, true);
    });
  }

  /** One text frame, decoded and within the size and rate limits (`allowed`: counted against the rate already). */
  function receive(ws: RelaySocket, text: string, allowed = ws.getUserData().limiter.take(clock())): void {
    const data = ws.getUserData();
    // Held within the rate limit, so what waits is bounded; beyond it the sender hears so now.
    if (data.awaitingHello && allowed) return void data.awaitingHello.push(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return allowed ? fail(ws, 'bad-json', 'the message is not valid JSON') : fail(ws, 'rate-limited', 'too many messages; slow down');
    }
    const given = (json as { id?: unknown } | null)?.id;
    // Echoed only as the contract allows: 1 to 64 characters.
    const id = typeof given === 'string' && given.length > 0 ? given.slice(0, limits.commandIdLength) : undefined;
    // Answered once the id is known, so the sender's command settles.
    if (!allowed) return fail(ws, 'rate-limited', 'too many messages; slow down', id);
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return fail(ws, 'invalid-message', `${where}${issue?.message ?? 'invalid message'}`, id);
    }
    const command = parsed.data;
    try {
      if (command.type === 'hello') return hello(ws, command);
      if (command.type === 'ping') return reply(ws, { type: 'ack', id: command.id });
      const actor = data.actor;
      if (!actor) return fail(ws, 'hello-required', 'send hello first', command.id);
      domain.handle(ws, actor, command);
    } catch (error) {
      reportFault(`a "${command.type}" command`, error);
      fail(ws, internalFault.code, internalFault.message, command.id);
    }
  }

  app.ws<RelaySocketData>(WS_PATH, {
    compression: uws.DISABLED,
    maxPayloadLength: 64 * 1024,
    idleTimeout: options.idleSeconds,
    sendPingsAutomatically: true,
    maxBackpressure: 1024 * 1024,
    closeOnBackpressureLimit: 1,
    upgrade(res, req, context) {
      const data: RelaySocketData = {
        origin: req.getHeader('origin'),
        address: Buffer.from(res.getRemoteAddressAsText()).toString(),
        limiter: new RateLimiter(20, 60, clock()),
        closed: false,
        socketId: registry.newSocketId(),
      };
      res.upgrade(
        data,
        req.getHeader('sec-websocket-key'),
        req.getHeader('sec-websocket-protocol'),
        req.getHeader('sec-websocket-extensions'),
        context,
      );
    },
    open(ws) {
      const { address } = ws.getUserData();
      const count = (perAddress.get(address) ?? 0) + 1;
      perAddress.set(address, count);
      if (options.maxConnectionsPerAddress && count > options.maxConnectionsPerAddress) {
        fail(ws, 'too-many-connections', `at most ${options.maxConnectionsPerAddress} connections from one address`);
        ws.end(closeCodes.tooManyConnections, 'too many connections from this address');
      }
    },
    message(ws, message, isBinary) {
      if (isBinary) return fail(ws, 'invalid-message', 'messages are JSON text frames');
      if (message.byteLength > limits.frameBytes) {
        return fail(ws, 'frame-too-large', `a message is at most ${limits.frameBytes} bytes`);
      }
      let text: string;
      try {
        text = decoder.decode(message);
      } catch {
        const allowed = ws.getUserData().limiter.take(clock());
        return allowed ? fail(ws, 'bad-json', 'the message is not valid JSON') : fail(ws, 'rate-limited', 'too many messages; slow down');
      }
      receive(ws, text);
    },
    close(ws) {
      const data = ws.getUserData();
      data.closed = true;
      const left = (perAddress.get(data.address) ?? 1) - 1;
      if (left > 0) perAddress.set(data.address, left);
      else perAddress.delete(data.address);
      try {
        if (data.actor) domain.disconnect(ws, data.actor);
      } catch (error) {
        reportFault('a closed socket', error);
      }
    },
  });
}
