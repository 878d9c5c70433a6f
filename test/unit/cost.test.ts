import { getNullableType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/composition/schema.js';
import { INPUT_SIZED_LISTS, KNOWN_LIST_LENGTHS, PAGE_CONTENT_LISTS } from '../../src/graphql/cost.js';

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
    const sized = Object.values(INPUT_SIZED_LISTS).flatMap((sizer) => Object.keys(sizer({})));
    const names = [...PAGE_CONTENT_LISTS, ...Object.keys(KNOWN_LIST_LENGTHS), ...sized];
    expect(names.filter((name) => !isListField(name))).toEqual([]);
    // And the fields whose arguments size them exist too.
    const missing = Object.keys(INPUT_SIZED_LISTS).filter((name) => {
      const [typeName = '', fieldName = ''] = name.split('.');
      const type = schema.getType(typeName);
      return !(isObjectType(type) && type.getFields()[fieldName]);
    });
    expect(missing).toEqual([]);
  });
});
