import { readFileSync } from 'node:fs';
import { CENTRAL_API_TYPES, centralApiTypes } from '../apps/province/src/cli/central-api-types';

/**
 * The node's view of the central API is generated, not typed by hand: from the
 * committed central schema and the node's own questions.
 */
describe("the province node's types for the central API", () => {
  it('are committed exactly as npm run schema generates them from schema.gql', async () => {
    expect(readFileSync(CENTRAL_API_TYPES, 'utf8')).toBe(await centralApiTypes());
  });

  it('cannot be generated for a question the central schema does not answer', async () => {
    await expect(
      centralApiTypes({ PULL: 'query Pull { milestones { edges { node { nickname } } } }' }),
    ).rejects.toThrow(/nickname/);
  });
});
