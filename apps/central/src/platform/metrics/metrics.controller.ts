import { Controller, Get, Header } from '@nestjs/common';
import { statementsIssued } from '@tracker/persistence';
import { ResponseCache } from '../response-cache/response-cache';

/**
 * Process figures in the Prometheus text format, for operators and the bench:
 * no data of the programme, only counters of this instance.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly cache: ResponseCache) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  @Header('cache-control', 'no-store')
  metrics(): string {
    const memory = process.memoryUsage();
    return [
      '# HELP nsdb_sql_statements_total Statements this instance sent to PostgreSQL.',
      '# TYPE nsdb_sql_statements_total counter',
      `nsdb_sql_statements_total ${statementsIssued()}`,
      '# HELP nsdb_response_cache_hits_total Read queries answered from the response cache.',
      '# TYPE nsdb_response_cache_hits_total counter',
      `nsdb_response_cache_hits_total ${this.cache.hits}`,
      '# HELP nsdb_response_cache_entries Answers held now.',
      '# TYPE nsdb_response_cache_entries gauge',
      `nsdb_response_cache_entries ${this.cache.size}`,
      '# HELP nsdb_response_cache_followed_total Read queries given the answer an identical request was computing.',
      '# TYPE nsdb_response_cache_followed_total counter',
      `nsdb_response_cache_followed_total ${this.cache.flights.followed}`,
      "# HELP nsdb_response_cache_waiting Requests waiting now for an identical request's answer.",
      '# TYPE nsdb_response_cache_waiting gauge',
      `nsdb_response_cache_waiting ${this.cache.flights.waiting}`,
      '# HELP process_resident_memory_bytes Resident memory of this instance.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '',
    ].join('\n');
  }
}
