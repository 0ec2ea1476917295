import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A round-robin TCP balancer, as a load balancer in front of the central
 * instances would be: each new connection goes to the next backend, and to the
 * one after it if that refuses (an instance being restarted). Connections open
 * on an instance that dies are cut, as a real balancer's would be.
 */
export class RoundRobinBalancer {
  private server: Server | undefined;
  private next = 0;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly backends: number[]) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.route(client, 0));
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  private route(client: Socket, tried: number): void {
    client.on('error', () => undefined);
    if (tried >= this.backends.length) {
      client.destroy();
      return;
    }
    const port = this.backends[this.next++ % this.backends.length];
    const upstream = createConnection({ port, host: '127.0.0.1' });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => {
      if (!connected) this.route(client, tried + 1);
      else client.destroy();
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (connected) client.destroy();
    });
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
