import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DateScalar } from './date.scalar';
import { DateTimeScalar } from './date-time.scalar';

/** An app's schema as SDL, sorted for stable diffs, built from its resolvers without a database. */
export async function buildSchemaSdl(resolvers: Type<unknown>[]): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app
      .get(GraphQLSchemaFactory)
      .create(resolvers, [DateScalar, DateTimeScalar]);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
