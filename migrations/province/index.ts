import { NodeStore1795888657362 } from './1795888657362-NodeStore';
import { NodeIndicators1796019981644 } from './1796019981644-NodeIndicators';

// A province node's own migrations, in order (its database is not the centre's).
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PROVINCE_MIGRATIONS: Function[] = [
  NodeStore1795888657362,
  NodeIndicators1796019981644,
];
