import { Injectable } from '@nestjs/common';
import { once, PerRequest } from '../platform/request/per-request';
import { NodeSyncRow, SyncStatusRepository } from './sync-status.repository';

export interface SyncLoaderSet {
  /** What the centre has recorded from each reporting node, by unit id. */
  nodeSync: () => Promise<Map<string, NodeSyncRow>>;
}

@Injectable()
export class SyncLoaders extends PerRequest<SyncLoaderSet> {
  constructor(private readonly sync: SyncStatusRepository) {
    super();
  }

  protected create(): SyncLoaderSet {
    return {
      nodeSync: once(() =>
        this.sync.nodes().then((rows) => new Map(rows.map((r) => [r.unitId, r]))),
      ),
    };
  }
}
