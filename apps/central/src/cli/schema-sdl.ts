import { DateScalar, DateTimeScalar } from '@tracker/api';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { CENTRAL_RESOLVERS } from '../central-resolvers';

/** The central schema as SDL, sorted for stable diffs, built from the code without a database. */
export async function buildCentralSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app
      .get(GraphQLSchemaFactory)
      .create(CENTRAL_RESOLVERS, [DateScalar, DateTimeScalar]);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
