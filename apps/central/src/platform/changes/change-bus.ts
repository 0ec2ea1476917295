import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { Client } from 'pg';
import { ChangeEvent, CHANGES_CHANNEL } from './change-event';

const RECONNECT_MS = 2000;

/** Told of every change: the event, or null when changes may have been missed (everything is stale). */
export type ChangeListener = (event: ChangeEvent | null) => void;

/**
 * Delivers change events to this instance's subscribers. On a PostgreSQL server it
 * LISTENs on one dedicated connection, so a report applied by any instance reaches
 * the clients of every instance. The embedded database (PGlite) is one process by
 * design, and its single session cannot route a NOTIFY to another connection: there
 * events go through one in-process bus per database, shared by every instance that
 * process runs on it.
 */
@Injectable()
export class ChangeBus implements OnModuleDestroy {
  private static readonly inProcess = new Map<string, PubSub>();
  private static readonly inProcessPeers = new Map<string, Set<ChangeBus>>();
  private readonly logger = new Logger(ChangeBus.name);
  private pubsub = new PubSub();
  private client: Client | null = null;
  private stopped = false;
  private readonly listeners = new Set<ChangeListener>();
  /** True once listening on a PostgreSQL server; false on the embedded database. */
  distributed = false;
  /** False until started and whenever the listening connection is down: changes may go unseen. */
  reliable = false;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    const probe = new Client({ connectionString: this.databaseUrl });
    await probe.connect();
    const [{ version }] = (await probe.query<{ version: string }>('SELECT version()')).rows;
    await probe.end();
    if (version.includes('PGlite')) {
      const shared = ChangeBus.inProcess.get(this.databaseUrl) ?? this.pubsub;
      ChangeBus.inProcess.set(this.databaseUrl, shared);
      this.pubsub = shared;
      // every instance on this database shares the bus: another's change reaches this one's listeners
      const peers = ChangeBus.inProcessPeers.get(this.databaseUrl) ?? new Set<ChangeBus>();
      ChangeBus.inProcessPeers.set(this.databaseUrl, peers.add(this));
      this.reliable = true;
      return;
    }
    this.distributed = true;
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'nsdb-central-listen',
    });
    client.on('notification', (msg) => {
      if (msg.channel === CHANGES_CHANNEL && msg.payload)
        this.deliver(JSON.parse(msg.payload) as ChangeEvent);
    });
    client.on('error', (e) => {
      this.logger.warn(`change listener lost its connection: ${e.message}`);
      this.reliable = false;
      this.client = null;
      void client.end().catch(() => undefined);
      this.retry();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.client = client;
    // whatever changed while nobody listened is unknown: everything derived is stale
    this.touch(null);
    this.reliable = true;
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => {
      // the app may have stopped while this waited: a stopped bus connects to nothing
      if (this.stopped) return;
      this.listen().catch(() => this.retry());
    }, RECONNECT_MS).unref();
  }

  deliver(event: ChangeEvent): void {
    if (this.distributed) this.touch(event);
    else for (const peer of ChangeBus.inProcessPeers.get(this.databaseUrl) ?? []) peer.touch(event);
    void this.pubsub.publish(CHANGES_CHANNEL, { changes: event });
  }

  /** Called on every change this instance sees or makes (e.g. to retire cached answers). */
  onChange(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  /** Tells this instance's listeners at once, before the announcement's round trip. */
  touch(event: ChangeEvent | null): void {
    for (const listener of this.listeners) listener(event);
  }

  iterator(): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator(CHANGES_CHANNEL);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.reliable = false;
    ChangeBus.inProcessPeers.get(this.databaseUrl)?.delete(this);
    await this.client?.end().catch(() => undefined);
  }
}
