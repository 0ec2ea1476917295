import { InitialSchema1795887186003 } from './1795887186003-InitialSchema';
import { SyncLedger1795888042302 } from './1795888042302-SyncLedger';

// Every migration, in order. Listed by hand (not globbed) so the same list
// works from the TypeScript sources in tests and from dist/ in production.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [InitialSchema1795887186003, SyncLedger1795888042302];
