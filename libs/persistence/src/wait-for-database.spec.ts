import { isPassingDatabaseError } from './wait-for-database';

describe('isPassingDatabaseError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    [Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    [new Error('Connection terminated unexpectedly')],
  ])('waits out %s', (e) => {
    expect(isPassingDatabaseError(e)).toBe(true);
  });

  it.each([
    [Object.assign(new Error('database "nope" does not exist'), { code: '3D000' })],
    [Object.assign(new Error('password authentication failed'), { code: '28P01' })],
  ])('gives up at once on %s', (e) => {
    expect(isPassingDatabaseError(e)).toBe(false);
  });
});
