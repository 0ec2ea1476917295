import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ResponseCache } from '../response-cache/response-cache';
import { centralMetrics } from './central-metrics';

/** Process figures in the Prometheus text format, for operators and the bench. */
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(cache: ResponseCache) {
    this.registry = centralMetrics(cache);
  }

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
