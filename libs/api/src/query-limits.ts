import type { ApolloDriverConfig } from '@nestjs/apollo';
import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  IntValueNode,
  Kind,
  SelectionSetNode,
} from 'graphql';

/**
 * Limits on what one request may ask, checked before anything runs:
 * a legitimate screen (the board, the queue) stays far below all three.
 */
export const QUERY_LIMITS = {
  /** The deepest view (milestone → escalations → history) is about 6 levels. */
  maxDepth: 12,
  /** The board asks a few hundred fields; a thousand aliases is an attack. */
  maxAliases: 30,
  /**
   * Fields weighted by the page sizes above them: 200 milestones × 30 fields is
   * 6,000; this leaves room for a dashboard of several such lists.
   */
  maxCost: 50_000,
} as const;

/** A list field without `first` is charged as this many items. */
const DEFAULT_LIST_SIZE = 50;

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

interface Walk {
  depth: number;
  aliases: number;
  cost: number;
}

/** Walks an operation once, following fragments, and measures depth, aliases and cost. */
function measure(
  selection: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  depth: number,
  multiplier: number,
  walk: Walk,
  seen: Set<string>,
): void {
  walk.depth = Math.max(walk.depth, depth);
  for (const sel of selection.selections) {
    if (sel.kind === Kind.FIELD) {
      const field = sel as FieldNode;
      if (field.alias) walk.aliases += 1;
      walk.cost += multiplier;
      if (field.selectionSet) {
        measure(
          field.selectionSet,
          fragments,
          variables,
          depth + 1,
          multiplier * listSize(field, variables),
          walk,
          seen,
        );
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      measure(sel.selectionSet, fragments, variables, depth, multiplier, walk, seen);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD && !seen.has(sel.name.value)) {
      const fragment = fragments.get(sel.name.value);
      if (fragment)
        measure(
          fragment.selectionSet,
          fragments,
          variables,
          depth,
          multiplier,
          walk,
          new Set([...seen, sel.name.value]),
        );
    }
  }
}

/** The page a field asks for: its `first` argument, or the default for a connection. */
function listSize(field: FieldNode, variables: Record<string, unknown>): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT)
    return Math.max(1, Number((first.value as IntValueNode).value));
  if (first.value.kind === Kind.VARIABLE) {
    const v = variables[first.value.name.value];
    return typeof v === 'number' && v > 0 ? v : DEFAULT_LIST_SIZE;
  }
  return DEFAULT_LIST_SIZE;
}

/**
 * A plugin as Nest's Apollo driver types it (its own copy of @apollo/server's
 * types): Apollo's plugins, imported directly, need this type to be accepted.
 */
export type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Refuses, before execution, an operation deeper, more aliased or costlier than
 * QUERY_LIMITS; the message says which limit and by how much. A plugin rather than
 * a validation rule, because the cost depends on the request's variables (`first`).
 */
export function queryLimitsPlugin(): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          document,
          operation,
          request,
        }: {
          document: { definitions: readonly { kind: string }[] };
          operation?: { selectionSet: SelectionSetNode };
          request: { variables?: Record<string, unknown> };
        }) {
          if (!operation) return;
          const fragments = new Map(
            (document.definitions as FragmentDefinitionNode[])
              .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const walk: Walk = { depth: 0, aliases: 0, cost: 0 };
          measure(
            operation.selectionSet,
            fragments,
            request.variables ?? {},
            1,
            1,
            walk,
            new Set(),
          );
          if (walk.depth > QUERY_LIMITS.maxDepth) {
            throw refuse(`query depth ${walk.depth} exceeds the limit of ${QUERY_LIMITS.maxDepth}`);
          }
          if (walk.aliases > QUERY_LIMITS.maxAliases) {
            throw refuse(`${walk.aliases} aliases exceed the limit of ${QUERY_LIMITS.maxAliases}`);
          }
          if (walk.cost > QUERY_LIMITS.maxCost) {
            throw refuse(
              `query cost ${walk.cost} exceeds the limit of ${QUERY_LIMITS.maxCost} (ask for smaller pages)`,
            );
          }
        },
      };
    },
  };
}
