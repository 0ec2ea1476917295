import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/** A database that has not answered in this long is as good as down for a caller. */
const DATABASE_TIMEOUT_MS = 2000;

/** Readiness for load balancers and operators: 200 when the database answers, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @HttpCode(200)
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database timeout')), DATABASE_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok' };
    } catch {
      res.status(503);
      return { status: 'unavailable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
