import { printSchema } from 'graphql';
import { buildSchema } from './schema.js';

/** The SDL as checked in at schema/schema.graphql. */
export function printSchemaSDL(): string {
  return `${printSchema(buildSchema())}\n`;
}
