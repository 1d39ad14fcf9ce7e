/**
 * The page's WebSocket to the class server that served it (./api/ws on this origin: the CSP's
 * connect-src 'self'). Reconnects by itself after a drop (a restart of the server, a phone that
 * slept), signing in again with `hello`; every message received is validated (./protocol.ts) and
 * one that does not fit is dropped.
 */
import { parseServerMessage } from './parsers';
import type { ClientMessage, ServerMessage } from './protocol';

export type LinkStatus = 'connecting' | 'open' | 'offline';

/** Close codes after which reconnecting cannot help. */
const FINAL = new Set([4401]);

export class ClassConnection {
  private ws: WebSocket | null = null;
  private stopped = false;
  private delay = 500;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly hello: () => ClientMessage,
    private readonly onMessage: (m: ServerMessage) => void,
    private readonly onStatus: (s: LinkStatus) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  private connect() {
    if (this.stopped) return;
    const url = new URL('api/ws', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.onStatus('connecting');
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.delay = 500;
      ws.send(JSON.stringify(this.hello()));
      this.onStatus('open');
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      const m = parseServerMessage(e.data);
      if (m.ok) this.onMessage(m.value);
    };
    ws.onclose = (e: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.onStatus('offline');
      if (this.stopped || FINAL.has(e.code)) return;
      this.timer = setTimeout(() => this.connect(), this.delay * (0.75 + Math.random() / 2));
      this.delay = Math.min(this.delay * 2, 8000);
    };
  }

  /** Sends now if connected; false otherwise (the caller sends it again after the next hello). */
  send(m: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.onStatus('offline');
  }
}
