import type { ApolloDriverConfig } from '@nestjs/apollo';
import { bearerToken } from '@tracker/auth';
import { RequestContext } from '../auth/request-context';
import { ResponseCache } from './response-cache';

/**
 * Root fields whose answers depend only on stored data, the caller and the
 * central date: all of it announced on the change bus when it changes.
 * Not here: `now` (the clock moves), `auditLog` (written by the token CLI
 * too, which announces nothing).
 */
const CACHEABLE_ROOTS = new Set([
  '__typename',
  'nationalDashboard',
  'programs',
  'program',
  'milestones',
  'milestone',
  'escalations',
  'units',
  'unit',
  'syncStatus',
]);

/** Stores the answer of every successful, cacheable read query; the middleware serves it again. */
/** The plugin type as the Nest driver declares it (its own copy of Apollo's types). */
type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

export function responseCachePlugin(cache: ResponseCache): Plugin {
  return {
    async requestDidStart() {
      const generation = cache.generation;
      return {
        async willSendResponse({ operation, response, request, contextValue }) {
          const context = contextValue as RequestContext;
          if (!cache.enabled || operation?.operation !== 'query') return;
          const cacheable = operation.selectionSet.selections.every(
            (s) => s.kind === 'Field' && CACHEABLE_ROOTS.has(s.name.value),
          );
          if (!cacheable || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || (response.http.status ?? 200) !== 200) return;
          const token = bearerToken(context.req.headers.authorization);
          if (!token || typeof request.query !== 'string') return;
          const key = ResponseCache.key({
            token,
            today: context.loaders.today,
            query: request.query,
            variables: request.variables,
            operationName: request.operationName,
          });
          cache.set(key, Buffer.from(JSON.stringify(result)), generation);
        },
      };
    },
  };
}
