import { decodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { hasRefusedCharacter } from './input-guard.js';

/**
 * Global ids that do not name an object: answered like an object that does not exist (null from
 * `node`, a null entry from `nodes`), never as an error. An id is opaque to the client, so a
 * malformed one (not base64, a type name in the wrong case, a type that is not a node, a
 * character the database refuses inside the encoded id) says no more than a missing one.
 */
export interface DecodedGlobalId {
  readonly typename: string;
  readonly id: string;
}

/** What a malformed id decodes to: a type name no schema type has, so it is never loaded. */
const UNKNOWN: DecodedGlobalId = { typename: '', id: '' };

export function decodeGlobalIdOrUnknown(globalID: string): DecodedGlobalId {
  try {
    const decoded = decodeGlobalID(globalID);
    return hasRefusedCharacter(decoded.id) ? UNKNOWN : decoded;
  } catch {
    return UNKNOWN;
  }
}

/** Whether a decoded id names an object type that `node` can load; false for a malformed one. */
export function isNodeId(info: GraphQLResolveInfo, id: { typename: string } | null | undefined): boolean {
  const type = id?.typename ? info.schema.getType(id.typename) : undefined;
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}
