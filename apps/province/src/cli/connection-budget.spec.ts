import { budgetProblem } from './connection-budget';

describe('budgetProblem', () => {
  it('lets 63 one-connection nodes onto a default server beside two centrals', () => {
    // max_connections 100 less 3 reserved; two centrals: 10 in each pool, a listener each
    expect(budgetProblem(63, 1, { available: 97, inUse: 22 })).toBeNull();
  });

  it('refuses 63 four-connection nodes, saying what would fit and what to raise', () => {
    expect(budgetProblem(63, 4, { available: 97, inUse: 22 })).toBe(
      '63 node(s) × 4 connection(s) need 257 connections, and the server has 75 free ' +
        '(max_connections less reserved: 97; in use: 22) use --pool-size 1, fewer nodes, ' +
        'or raise max_connections (ALTER SYSTEM SET max_connections = 350; then restart PostgreSQL)',
    );
  });

  it('does not suggest a pool size of zero', () => {
    expect(budgetProblem(63, 1, { available: 97, inUse: 60 })).toMatch(
      /^63 node.* run fewer nodes, or raise/,
    );
  });
});
