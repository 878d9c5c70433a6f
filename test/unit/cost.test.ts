import { getNullableType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN_LIST_LENGTHS, PAGE_CONTENT_LISTS } from '../../src/graphql/cost.js';
import { buildSchema } from '../../src/graphql/schema.js';

const schema = buildSchema();

/** Whether "Type.field" names a list field of the schema. */
function isListField(name: string): boolean {
  const [typeName = '', fieldName = ''] = name.split('.');
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return field !== undefined && isListType(getNullableType(field.type));
}

describe('the cost model', () => {
  it('names only list fields that exist, so a rename cannot silently undercount', () => {
    const names = [...PAGE_CONTENT_LISTS, ...Object.keys(KNOWN_LIST_LENGTHS)];
    expect(names.filter((name) => !isListField(name))).toEqual([]);
  });
});
