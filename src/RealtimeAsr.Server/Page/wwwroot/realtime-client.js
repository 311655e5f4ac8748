// The Qwen-ASR Realtime protocol over a browser WebSocket: JSON events both ways, audio as base64 PCM16.
import { pcm16ToBase64 } from './pcm.js';

let counter = 0;
function eventId() {
  counter += 1;
  return `event_page_${Date.now().toString(36)}_${counter}`;
}

/** A connection that closed before it opened (the handshake was refused, or the server is unreachable). */
export class ConnectError extends Error {}

/** Words for the close codes the server uses (docs/OPERATIONS.md, "Close codes"). */
export function describeClose(code, reason) {
  const detail = reason ? ` (${reason})` : '';
  switch (code) {
    case 1000: return `The session ended${detail}.`;
    case 1001: return `The server is shutting down or the session reached its time limit${detail}.`;
    case 1008: return `The server ended the session: it received nothing for too long (in push-to-talk, nothing is sent between presses)${detail}. Press Start to open a new one.`;
    case 1009: return `The server closed the session: a message was too large${detail}.`;
    case 1011: return `The server failed${detail}; the session was closed.`;
    case 1013: return `The server is busy${detail}; try again shortly.`;
    default: return `The connection was lost (code ${code})${detail}.`;
  }
}

export class RealtimeClient {
  /**
   * Opens the socket; resolves once open, rejects with ConnectError when it closes first.
   * @param {string} url ws(s)://…/api-ws/v1/realtime?model=…
   * @param {string[]|undefined} protocols subprotocols (the page token), or none.
   * @param {{onEvent: (event: object) => void, onClose: (code: number, reason: string) => void}} handlers
   */
  static connect(url, protocols, handlers) {
    return new Promise((resolve, reject) => {
      const socket = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
      let opened = false;
      socket.onopen = () => {
        opened = true;
        resolve(new RealtimeClient(socket, handlers));
      };
      socket.onclose = (event) => {
        if (!opened) reject(new ConnectError(`closed before opening (code ${event.code})`));
      };
    });
  }

  constructor(socket, { onEvent, onClose }) {
    this.socket = socket;
    this.finishedWaiters = [];
    socket.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return; // The server sends JSON text frames only (protocol §1.3).
      }
      if (event.type === 'session.finished') this.finishedWaiters.splice(0).forEach((resolve) => resolve(true));
      onEvent(event);
    };
    socket.onclose = (event) => {
      this.finishedWaiters.splice(0).forEach((resolve) => resolve(false));
      onClose(event.code, event.reason);
    };
  }

  get isOpen() {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a client event with a fresh event_id; returns that id. */
  send(event) {
    const id = eventId();
    if (this.isOpen) this.socket.send(JSON.stringify({ event_id: id, ...event }));
    return id;
  }

  update(session) {
    return this.send({ type: 'session.update', session });
  }

  append(pcm) {
    return this.send({ type: 'input_audio_buffer.append', audio: pcm16ToBase64(pcm) });
  }

  commit() {
    return this.send({ type: 'input_audio_buffer.commit' });
  }

  /**
   * Sends session.finish and waits for session.finished (the SDKs wait 20 s); resolves true when it came, false on
   * a close or the timeout.
   */
  finish(timeoutMs = 20000) {
    const finished = new Promise((resolve) => {
      this.finishedWaiters.push(resolve);
      setTimeout(() => resolve(false), timeoutMs);
    });
    this.send({ type: 'session.finish' });
    return finished;
  }

  /** Closes the socket (normally after session.finished, as the protocol asks of the client). */
  close() {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(1000, 'bye');
    }
  }
}
