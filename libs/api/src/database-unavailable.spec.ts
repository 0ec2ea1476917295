import { DomainError } from '@tracker/domain';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './database-unavailable';

/** TypeORM wraps the driver's error; GraphQL wraps the resolver's. */
const wrapped = (driverError: object) =>
  new GraphQLError('failed', {
    originalError: Object.assign(new Error('query failed'), { driverError }),
  });

describe(isDatabaseUnavailable.name, () => {
  it.each<[string, unknown]>([
    ['a server shutting down (57P01) under TypeORM and GraphQL', wrapped({ code: '57P01' })],
    ['a connection failure (08006)', { code: '08006' }],
    ['too many clients (53300)', { code: '53300' }],
    ['a refused socket', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['a reset socket, as a cause', new Error('x', { cause: { code: 'ECONNRESET' } })],
    ['pg losing its server', new Error('Connection terminated unexpectedly')],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a unique violation (23505)', wrapped({ code: '23505' })],
    ['bad text for a type (22P02)', { code: '22P02' }],
    ['a domain refusal', DomainError.badInput('key', 'no such key')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
