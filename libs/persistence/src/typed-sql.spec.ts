import { sql } from 'kysely';
import { anyOf, centralSql, one, rows } from './typed-sql';

function answering(result: unknown) {
  const seen: { text: string; params: unknown[] }[] = [];
  return {
    seen,
    query(text: string, params: unknown[] = []) {
      seen.push({ text, params });
      return Promise.resolve(result);
    },
  };
}

describe('typed sql', () => {
  it('sends the compiled text and its bound values through the given manager', async () => {
    const db = answering([{ code: 'LAND' }]);
    const found = await rows(
      db,
      centralSql
        .selectFrom('program')
        .select('code')
        .where('id', '=', anyOf(['a', 'b'], 'uuid')),
    );
    expect(found).toEqual([{ code: 'LAND' }]);
    expect(db.seen).toEqual([
      { text: 'select "code" from "program" where "id" = ANY ($1::uuid[])', params: [['a', 'b']] },
    ]);
  });

  it("unwraps TypeORM's [rows, count] answer to an UPDATE … RETURNING", async () => {
    const db = answering([[{ id: 'x' }], 1]);
    const update = centralSql
      .updateTable('escalation')
      .set({ note: 'n' })
      .where('id', '=', 'x')
      .returning('id');
    expect(await one(db, update)).toEqual({ id: 'x' });
  });

  it('binds the values of a sql<Row> template too', async () => {
    const db = answering([{ n: 1 }]);
    await rows(db, sql<{ n: number }>`SELECT ${1}::int AS n WHERE ${'a'} = ${'a'}`);
    expect(db.seen[0]).toEqual({
      text: 'SELECT $1::int AS n WHERE $2 = $3',
      params: [1, 'a', 'a'],
    });
  });
});
