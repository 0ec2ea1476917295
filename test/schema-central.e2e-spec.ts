import { CENTRAL_RESOLVERS } from '../apps/central/src/central-resolvers';
import { describeSchemaContract } from './support/schema-contract';

describeSchemaContract('central', CENTRAL_RESOLVERS, 'test/contract/central.graphql', 'schema.gql');
