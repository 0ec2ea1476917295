// What both apps' GraphQL layers share: scalars, enums, errors, validation, auth.
import './enums';
export {
  ApiContext,
  AuthenticatedRequest,
  TOKEN_AUTHORITY,
  TOKEN_REVOCATIONS,
  TokenRevocations,
} from './api-context';
export { AuthGuard } from './auth.guard';
export { CurrentActor } from './current-actor.decorator';
export { Roles, ROLES_KEY } from './roles.decorator';
export { DateScalar } from './date.scalar';
export { DateTimeScalar } from './date-time.scalar';
export { formatGraphQLError } from './graphql-errors';
export {
  databaseUnavailablePlugin,
  isDatabaseUnavailable,
  SERVICE_UNAVAILABLE,
} from './database-unavailable';
export { inputValidationPipe } from './validation.pipe';
export { PageInfo } from './page-info.type';
export { decodeCursor, encodeCursor, isUuid, MAX_PAGE_SIZE, pageSize } from './cursor';
export { keysetPage, KeyColumn, mapPage, Page, SortKey } from './keyset-page';
export { HealthController } from './health.controller';
export { vietnamDate } from './vietnam-date';
export { buildSchemaSdl } from './schema-sdl';
export { IndicatorFigureFields } from './indicator-figure.input';
export { ProgressReportFields } from './progress-report.input';
export { ReportedState } from './reported-state.type';
export { ApolloPlugin, QUERY_LIMITS, queryLimitsPlugin } from './query-limits';
export { currentRequestId, JsonLogger, redactTokens, requestIdMiddleware } from './request-log';
export { guardProcess } from './process-guards';
export { applyHttpTimeouts, HttpTimeouts, httpTimeoutsFromEnv } from './http-timeouts';
