import { builder } from '../../../graphql/builder.js';
import { ItemEventRef } from '../../feed/graphql.js';
import { DeclarationTypeEnum } from '../../rates/graphql/reference.js';
import { DeclarationRef } from './types.js';

/**
 * What an event of the item feed says of its declaration. Declarations write the feed and own the
 * Declaration type, so they add these fields to the feed's event, and the feed knows nothing of
 * declarations.
 */
builder.objectFields(ItemEventRef, (t) => ({
  declarationType: t.field({
    type: DeclarationTypeEnum,
    description: 'Import or export.',
    resolve: (e) => e.declarationType as 'IMPORT',
  }),
  declaration: t.field({
    type: DeclarationRef,
    nullable: true,
    description: 'The declaration as it is now, as far as you may see it.',
    resolve: (e, _args, ctx) => ctx.loaders.declarations.declarationById.load(e.declarationId),
  }),
}));
