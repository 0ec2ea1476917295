import { ApolloPlugin } from '@tracker/api';
import { bearerToken } from '@tracker/auth';
import type { OperationDefinitionNode } from 'graphql';
import { RequestContext } from '../request/request-context';
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
  'indicators',
  'indicator',
  'reportingCompleteness',
]);

/** Stores the answer of every successful, cacheable read query; the middleware serves it again. */
export function responseCachePlugin(cache: ResponseCache): ApolloPlugin {
  const release = (context: unknown, answer?: Buffer) =>
    cache.flights.settle((context as RequestContext).req, answer);
  return {
    async requestDidStart() {
      const generation = cache.generation;
      return {
        async didResolveOperation({ operation, contextValue }) {
          // Followers of a request that will not be shared need not wait for its answer.
          if (!isCacheable(operation)) release(contextValue);
        },
        async willSendResponse({ operation, response, request, contextValue }) {
          const context = contextValue as RequestContext;
          if (!cache.enabled || !isCacheable(operation) || response.body.kind !== 'single')
            return release(context);
          const result = response.body.singleResult;
          if (result.errors?.length || (response.http.status ?? 200) !== 200)
            return release(context);
          const token = bearerToken(context.req.headers.authorization);
          if (!token || typeof request.query !== 'string') return release(context);
          const answer = Buffer.from(JSON.stringify(result));
          const key = ResponseCache.key({
            token,
            today: context.today,
            query: request.query,
            variables: request.variables,
            operationName: request.operationName,
          });
          cache.set(key, answer, generation);
          release(context, answer);
        },
      };
    },
  };
}

function isCacheable(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every(
      (s) => s.kind === 'Field' && CACHEABLE_ROOTS.has(s.name.value),
    )
  );
}
