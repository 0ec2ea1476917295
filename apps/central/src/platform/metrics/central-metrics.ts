import { statementsIssued } from '@tracker/persistence';
import { Counter, Gauge, Registry } from 'prom-client';
import { ResponseCache } from '../response-cache/response-cache';

interface Figure {
  name: string;
  help: string;
  read: () => number;
}

/**
 * A counter whose value is read, at each scrape, from a count kept elsewhere
 * (a counter has no set(): its value is reset and added back whole).
 */
function readCounter(registry: Registry, { name, help, read }: Figure): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge whose value is read at each scrape. */
function readGauge(registry: Registry, { name, help, read }: Figure): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * The figures /metrics shows, in a registry of this app instance's own (never
 * prom-client's global one, so two instances in one process do not collide).
 * Only counters of this instance, no data of the programme; every value is read
 * when scraped from where it is kept already.
 */
export function centralMetrics(cache: ResponseCache): Registry {
  const registry = new Registry();
  readCounter(registry, {
    name: 'nsdb_sql_statements_total',
    help: 'Statements this instance sent to PostgreSQL.',
    read: statementsIssued,
  });
  readCounter(registry, {
    name: 'nsdb_response_cache_hits_total',
    help: 'Read queries answered from the response cache.',
    read: () => cache.hits,
  });
  readGauge(registry, {
    name: 'nsdb_response_cache_entries',
    help: 'Answers held now.',
    read: () => cache.size,
  });
  readCounter(registry, {
    name: 'nsdb_response_cache_followed_total',
    help: 'Read queries given the answer an identical request was computing.',
    read: () => cache.flights.followed,
  });
  readGauge(registry, {
    name: 'nsdb_response_cache_waiting',
    help: "Requests waiting now for an identical request's answer.",
    read: () => cache.flights.waiting,
  });
  readGauge(registry, {
    name: 'process_resident_memory_bytes',
    help: 'Resident memory of this instance.',
    read: () => process.memoryUsage.rss(),
  });
  return registry;
}
