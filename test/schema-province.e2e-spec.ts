import { PROVINCE_RESOLVERS } from '../apps/province/src/province-resolvers';
import { describeSchemaContract } from './support/schema-contract';

describeSchemaContract(
  'province node',
  PROVINCE_RESOLVERS,
  'test/contract/province.graphql',
  'schema.province.gql',
);
