import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP proxy (to the test database, or to the central app) that a test can take down
 * and bring back, as a network failover would: down, every connection through it is
 * cut and new ones are refused; up, it accepts again on the same port. `loseAnswerTo`
 * cuts one connection just as its answer starts back: the server did the work, the
 * client never hears of it.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private armed: { marker: string; beforeCut: () => void; cut: () => void } | null = null;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      // Whether the request now being answered carried the armed marker (HTTP/1.1: one
      // request, then its answer, on a connection); the tail catches a marker split in two.
      let tail = '';
      let asked = false;
      client.on('data', (chunk: Buffer) => {
        const text = tail + chunk.toString('latin1');
        if (this.armed && text.includes(this.armed.marker)) asked = true;
        tail = text.slice(-100);
      });
      upstream.on('data', (chunk: Buffer) => {
        const armed = this.armed;
        if (asked && armed) {
          this.armed = null;
          armed.beforeCut();
          client.destroy();
          upstream.destroy();
          armed.cut();
          return;
        }
        asked = false;
        tail = '';
        client.write(chunk);
      });
      upstream.on('end', () => client.end());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /**
   * The next answer to a request that contains `marker` never arrives: its connection
   * is cut as the first bytes of the answer come back (`beforeCut` runs just before, so a
   * test can SIGKILL the client still waiting for it). Resolves once it has been cut.
   */
  loseAnswerTo(marker: string, beforeCut: () => void = () => undefined): Promise<void> {
    return new Promise((resolve) => {
      this.armed = { marker, beforeCut, cut: resolve };
    });
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
