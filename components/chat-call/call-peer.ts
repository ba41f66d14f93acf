import type { CallSignal } from '../../protocol/commands.js';

export type CallFailure = 'permission-denied' | 'no-device' | 'failed';

export interface CallPeerOptions {
  /** The agent's side makes the WebRTC offer; the customer's answers. */
  caller: boolean;
  iceServers: RTCIceServer[];
  send: (signal: CallSignal) => void;
  /** The peer connection reached `connected`. */
  connected: () => void;
  changed: () => void;
}

/** Why getUserMedia refused, in the words the call shows. */
function failureOf(error: unknown): CallFailure {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'no-device';
  return 'failed';
}

/**
 * One side of a peer-to-peer call (V1): camera and microphone, the RTCPeerConnection, and the
 * signalling it needs. Signals that arrive before it is ready wait, and so do candidates that
 * arrive before the remote description.
 */
export class CallPeer {
  local?: MediaStream;
  readonly remote = new MediaStream();
  remoteMedia = { muted: false, cameraOff: false };
  muted = false;
  cameraOff = false;
  #pc?: RTCPeerConnection;
  #early: CallSignal[] = [];
  #candidates: RTCIceCandidateInit[] = [];
  #closed = false;
  #announced = false;

  constructor(private readonly options: CallPeerOptions) {}

  get connectionState(): RTCPeerConnectionState | 'new' {
    return this.#pc?.connectionState ?? 'new';
  }

  /** Opens camera and microphone and the connection; rejects with the reason when the devices cannot be used. */
  async start(): Promise<void> {
    try {
      this.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (error) {
      throw failureOf(error);
    }
    if (this.#closed) return this.#stopLocal();
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.#pc = pc;
    for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
    pc.addEventListener('track', (e) => {
      this.remote.addTrack(e.track);
      this.options.changed();
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) this.options.send({ kind: 'candidate', candidate: e.candidate.toJSON() as { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } });
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' && !this.#announced) {
        this.#announced = true;
        this.options.connected();
      }
      this.options.changed();
    });
    if (this.options.caller) {
      await pc.setLocalDescription(await pc.createOffer());
      this.options.send({ kind: 'offer', sdp: pc.localDescription!.sdp });
    }
    for (const signal of this.#early.splice(0)) await this.receive(signal);
  }

  async receive(signal: CallSignal): Promise<void> {
    const pc = this.#pc;
    if (signal.kind === 'media') {
      this.remoteMedia = { muted: signal.muted, cameraOff: signal.cameraOff };
      return this.options.changed();
    }
    if (!pc) {
      this.#early.push(signal);
      return;
    }
    if (signal.kind === 'offer' && !this.options.caller) {
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      await this.#flushCandidates();
      await pc.setLocalDescription(await pc.createAnswer());
      this.options.send({ kind: 'answer', sdp: pc.localDescription!.sdp });
    } else if (signal.kind === 'answer' && this.options.caller) {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
      await this.#flushCandidates();
    } else if (signal.kind === 'candidate') {
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate);
      else this.#candidates.push(signal.candidate);
    }
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.#sendMedia();
  }

  setCameraOff(off: boolean): void {
    this.cameraOff = off;
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = !off;
    this.#sendMedia();
  }

  getStats(): Promise<RTCStatsReport> | undefined {
    return this.#pc?.getStats();
  }

  close(): void {
    this.#closed = true;
    this.#pc?.close();
    this.#stopLocal();
  }

  #sendMedia() {
    this.options.send({ kind: 'media', muted: this.muted, cameraOff: this.cameraOff });
    this.options.changed();
  }

  async #flushCandidates() {
    for (const candidate of this.#candidates.splice(0)) await this.#pc!.addIceCandidate(candidate);
  }

  #stopLocal() {
    for (const track of this.local?.getTracks() ?? []) track.stop();
  }
}
