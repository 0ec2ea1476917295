import jwt from 'jsonwebtoken';
import { JsonLogger } from './request-log';

/** A token as the central authority mints one: HS256, claims, issuer and audience. */
const token = jwt.sign({ role: 'PROVINCE_NODE', unit: '01' }, 'x'.repeat(40), {
  subject: 'province_node:01',
  issuer: 'nsdb-tracker/central',
  audience: 'nsdb-tracker/central',
  expiresIn: '1h',
});

function logged(write: (logger: JsonLogger) => void): { message: string; context?: string }[] {
  const lines: string[] = [];
  write(new JsonLogger((line) => lines.push(line)));
  expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
  return lines.map((l) => JSON.parse(l) as { message: string; context?: string });
}

describe(JsonLogger.name, () => {
  it('replaces a token in a message and keeps the words around it', () => {
    const [line] = logged((logger) =>
      logger.warn(`refused Bearer ${token} from 10.0.0.7`, 'AuthGuard'),
    );
    expect(line).toMatchObject({
      context: 'AuthGuard',
      message: 'refused Bearer [token] from 10.0.0.7',
    });
  });

  it("replaces every token in an error's message and stack", () => {
    const [line] = logged((logger) =>
      logger.error(new Error(`bad tokens: ${token} and ${token}.`), 'GraphQLErrors'),
    );
    expect(line.message).not.toContain(token);
    expect(line.message.startsWith('Error: bad tokens: [token] and [token].\n')).toBe(true);
  });
});
