import { buildSchemaSdl } from '@tracker/api';
import { CENTRAL_RESOLVERS } from '../central-resolvers';

/** The central schema as SDL (committed as schema.gql). */
export function buildCentralSchemaSdl(): Promise<string> {
  return buildSchemaSdl(CENTRAL_RESOLVERS);
}
