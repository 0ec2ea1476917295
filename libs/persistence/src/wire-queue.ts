import type { PGlite } from '@electric-sql/pglite';

/**
 * Why this exists: @electric-sql/pglite-socket 0.2.17 queues each wire-protocol
 * message on its own. Outside a transaction, messages of two connections then
 * interleave inside one extended-protocol exchange (Parse/Bind/Execute … Sync);
 * PGlite has a single session, so connection B's Parse replaces A's unnamed
 * statement and A fails with 'portal "" does not exist' (or, worse, binds B's).
 * Seen with two central instances on one embedded database. This queue runs a
 * connection's messages as a unit up to Sync (or a simple Query), and while a
 * transaction is open it runs only the connection that opened it.
 * It implements the interface the socket server expects of its query queue.
 */

type OnData = (data: Uint8Array) => void;

interface Unit {
  handlerId: number;
  messages: { message: Uint8Array; onData: OnData }[];
  done: (bytes: number) => void;
  failed: (e: unknown) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const PROTOCOL_V3 = 196608;

function endsUnit(message: Uint8Array): boolean {
  const isStartup =
    message.length >= 8 &&
    new DataView(message.buffer, message.byteOffset).getInt32(4) === PROTOCOL_V3;
  return isStartup || message[0] === SYNC || message[0] === QUERY || message[0] === TERMINATE;
}

export class WireQueue {
  private readonly pending = new Map<number, Unit['messages']>();
  private readonly ready: Unit[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: OnData): Promise<number> {
    const messages = this.pending.get(handlerId) ?? [];
    messages.push({ message, onData });
    if (!endsUnit(message)) {
      // Held until the exchange is complete; the socket handler then sends the rest.
      this.pending.set(handlerId, messages);
      return Promise.resolve(0);
    }
    this.pending.delete(handlerId);
    return new Promise((done, failed) => {
      this.ready.push({ handlerId, messages, done, failed });
      void this.drain();
    });
  }

  private next(): Unit | undefined {
    if (this.owner !== null && this.db.isInTransaction()) {
      const i = this.ready.findIndex((u) => u.handlerId === this.owner);
      return i >= 0 ? this.ready.splice(i, 1)[0] : undefined;
    }
    return this.ready.shift();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.next(); unit; unit = this.next()) {
        const current = unit;
        let bytes = 0;
        try {
          await this.db.runExclusive(async () => {
            for (const { message, onData } of current.messages) {
              await this.db.execProtocolRawStream(message, {
                onRawData: (data) => {
                  bytes += data.length;
                  onData(data);
                },
              });
            }
          });
          this.owner = this.db.isInTransaction() ? current.handlerId : null;
          current.done(bytes);
        } catch (e) {
          current.failed(e);
        }
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength(): number {
    return this.ready.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.pending.delete(handlerId);
    for (let i = this.ready.length - 1; i >= 0; i -= 1) {
      if (this.ready[i].handlerId === handlerId)
        this.ready.splice(i, 1)[0].failed(new Error('Handler disconnected'));
    }
  }

  /** A connection that drops mid-transaction must not leave the session's transaction open. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner === handlerId && this.db.isInTransaction()) {
      await this.db.exec('ROLLBACK');
      this.owner = null;
    }
    if (this.owner === handlerId) this.owner = null;
    await this.drain();
  }
}
