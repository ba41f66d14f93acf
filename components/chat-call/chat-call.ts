import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ChatElement } from '../base/chat-element.js';
import { tokens } from '../base/shared-styles.js';
import type { TiskiClient } from '../client/tiski-client.js';
import { ChatCallErrorEvent, ChatCallHangupEvent } from '../events/chat-call.js';
import '../i18n/customer-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import type { CustomerStrings } from '../i18n/translation.js';
import { CallPeer, type CallFailure } from './call-peer.js';
import { styles } from './chat-call.styles.js';

/**
 * @summary A peer-to-peer video call beside the chat (V1, V5): the other side large, one's own small, mute, camera off, full screen and hang up.
 * @tag chat-call
 * @event {ChatCallHangupEvent} chat-call-hangup - The person pressed Hang up.
 * @event {ChatCallErrorEvent} chat-call-error - No camera or microphone could be used, or the call could not start.
 * @csspart stage - The videos.
 * @csspart remote-video - The other side's video.
 * @csspart self-video - One's own video, small in a corner.
 * @csspart status - Connecting, or the other side's microphone and camera state.
 * @csspart controls - The buttons under the videos.
 * @csspart mute-button - Mutes or unmutes the microphone.
 * @csspart camera-button - Turns the camera off or on.
 * @csspart fullscreen-button - Shows the call on the whole screen.
 * @csspart hang-up-button - Ends the call.
 * @csspart error - Why there is no video.
 * @cssproperty [--tiski-call-background=#10151b] - Background behind the videos.
 * @cssproperty [--tiski-call-height=16em] - Most height the videos take outside full screen.
 */
export class ChatCall extends ChatElement {
  static override styles = [tokens, styles];

  /** The connection the call's signals go through. */
  @property({ attribute: false }) client?: TiskiClient;
  /** The conversation whose call this is. */
  @property() conversation = '';
  /** Makes the WebRTC offer: the agent's side. */
  @property({ type: Boolean }) caller = false;
  /** Name of the other side, for labels. */
  @property({ attribute: 'remote-name' }) remoteName = '';

  @state() private failure?: CallFailure;
  @state() private fullScreen = false;
  @query('video.remote') private remoteVideo?: HTMLVideoElement;
  @query('video.self') private selfVideo?: HTMLVideoElement;
  readonly #localize = new LocalizeController<CustomerStrings>(this);
  #peer?: CallPeer;
  readonly #onSignal = () => this.#takeSignals();
  readonly #onFullScreen = () => (this.fullScreen = document.fullscreenElement === this);

  /** The state of the peer connection: `new` until camera and microphone are open. */
  get connectionState(): string {
    return this.#peer?.connectionState ?? 'new';
  }

  /** The peer connection's statistics, e.g. frames decoded; undefined before it exists. */
  getStats(): Promise<RTCStatsReport> | undefined {
    return this.#peer?.getStats();
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.#onFullScreen);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.#onFullScreen);
    this.client?.removeEventListener('call-signal', this.#onSignal);
    this.#peer?.close();
    this.#peer = undefined;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (this.selfVideo && this.#peer?.local && this.selfVideo.srcObject !== this.#peer.local) this.selfVideo.srcObject = this.#peer.local;
    if (this.remoteVideo && this.#peer && this.remoteVideo.srcObject !== this.#peer.remote) this.remoteVideo.srcObject = this.#peer.remote;
    // Starts once there is a connection, whether it came with the element or later.
    if (changed.has('client')) void this.#start();
  }

  async #start() {
    const client = this.client;
    if (!client || this.#peer) return;
    const conversation = this.conversation;
    const peer = new CallPeer({
      caller: this.caller,
      iceServers: client.iceServers,
      send: (signal) => void client.send({ type: 'call-signal', conversation, signal }).catch(() => {}),
      connected: () => void client.send({ type: 'call-connected', conversation }).catch(() => {}),
      changed: () => this.requestUpdate(),
    });
    this.#peer = peer;
    client.addEventListener('call-signal', this.#onSignal);
    this.#takeSignals();
    try {
      await peer.start();
      this.requestUpdate();
    } catch (reason) {
      this.#fail(reason as CallFailure);
    }
  }

  #takeSignals() {
    const peer = this.#peer;
    if (!peer || !this.client) return;
    for (const signal of this.client.takeCallSignals(this.conversation)) {
      peer.receive(signal).catch(() => this.#fail('failed'));
    }
  }

  /** Shows why there is no video and tells the host once, so the chat can go on as text. */
  #fail(reason: CallFailure) {
    if (this.failure) return;
    this.failure = reason;
    this.dispatchEvent(new ChatCallErrorEvent({ conversation: this.conversation, reason }));
  }

  override render() {
    const t = this.#localize.strings;
    if (this.failure) return html`<p part="error" class="error" role="alert">${t.callError[this.failure]}</p>`;
    const peer = this.#peer;
    const connected = peer?.connectionState === 'connected';
    const remote = peer?.remoteMedia;
    const status = !connected
      ? t.callConnecting
      : [remote?.muted ? t.remoteMuted(this.remoteName) : '', remote?.cameraOff ? t.remoteCameraOff(this.remoteName) : ''].filter(Boolean).join(' ');
    return html`<div part="stage" class="stage">
        <video part="remote-video" class="remote" autoplay playsinline aria-label=${t.remoteVideo(this.remoteName)}></video>
        <video part="self-video" class="self" autoplay playsinline muted aria-label=${t.selfVideo}></video>
        <p part="status" class="status" role="status">${status || nothing}</p>
      </div>
      <div part="controls" class="controls">
        <button part="mute-button" aria-pressed=${peer?.muted ? 'true' : 'false'} @click=${() => peer?.setMuted(!peer.muted)}>${t.mute}</button>
        <button part="camera-button" aria-pressed=${peer?.cameraOff ? 'true' : 'false'} @click=${() => peer?.setCameraOff(!peer.cameraOff)}>${t.cameraOff}</button>
        <button part="fullscreen-button" @click=${this.#toggleFullScreen}>${this.fullScreen ? t.exitFullScreen : t.fullScreen}</button>
        <button part="hang-up-button" class="hang-up" @click=${() => this.dispatchEvent(new ChatCallHangupEvent({ conversation: this.conversation }))}>${t.hangUp}</button>
      </div>`;
  }

  #toggleFullScreen() {
    if (document.fullscreenElement === this) void document.exitFullscreen();
    else void this.requestFullscreen?.().catch(() => {});
  }
}
