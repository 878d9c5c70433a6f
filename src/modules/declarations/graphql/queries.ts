import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../../../composition/context.js';
import { builder } from '../../../graphql/builder.js';
import { ID_PART, resolveKeysetConnection } from '../../../graphql/pagination.js';
import { DeclarationTypeEnum } from '../../rates/graphql/reference.js';
import type { DeclarationStatus, DeclarationType } from '../model.js';
import { DECLARATION_NUMBER_PATTERN } from '../numbering.js';
import { type DeclarationRecord, findDeclarationPage } from '../repository.js';
import { declarationScope } from '../scope.js';
import { DeclarationStatusEnum } from './enums.js';
import { DeclarationRef } from './types.js';

/** The declaration number inside a global id of a Declaration; null for any other id. */
export function declarationNumberFromId(id: string): string | null {
  try {
    const { typename, id: number } = decodeGlobalID(id);
    return typename === 'Declaration' && DECLARATION_NUMBER_PATTERN.test(number) ? number : null;
  } catch {
    return null;
  }
}

/** Loads a declaration by global id within the caller's scope; null when absent, out of scope or not a declaration's id. */
export async function loadDeclarationById(ctx: RequestContext, id: string): Promise<DeclarationRecord | null> {
  const number = declarationNumberFromId(id);
  return number ? ctx.loaders.declarations.declarationByNumber.load(number) : null;
}

/** Loads a declaration by its number within the caller's scope; null when absent, out of scope or malformed. */
export async function loadDeclarationByNumber(ctx: RequestContext, number: string): Promise<DeclarationRecord | null> {
  const trimmed = number.trim();
  return DECLARATION_NUMBER_PATTERN.test(trimmed) ? ctx.loaders.declarations.declarationByNumber.load(trimmed) : null;
}

const DeclarationFilterInput = builder.inputType('DeclarationFilter', {
  description: 'Narrows a list of declarations. All given conditions must hold.',
  fields: (t) => ({
    statuses: t.field({ type: [DeclarationStatusEnum], description: 'Only declarations in one of these statuses.' }),
    type: t.field({ type: DeclarationTypeEnum, description: 'Only imports or only exports.' }),
    submittedFrom: t.field({ type: 'Date', description: 'Submitted on or after this date (Europe/Oslo).' }),
    submittedTo: t.field({ type: 'Date', description: 'Submitted on or before this date (Europe/Oslo).' }),
    commodityCodePrefix: t.string({
      description:
        'Some goods item of the current version has a commodity code starting with these digits ("0406", "2204.21").',
    }),
    clientReference: t.string({ description: "The declarant's own reference, exactly." }),
  }),
});

builder.queryFields((t) => ({
  declaration: t.field({
    type: DeclarationRef,
    nullable: true,
    description:
      'A declaration by its global id (`id`) or by its declaration number (`number`): give one of the two. Null when ' +
      'it does not exist or the caller may not see it; the two cases are not told apart.',
    args: {
      id: t.arg.id({ description: 'Global id of the declaration (Declaration.id), as `node` takes it.' }),
      number: t.arg.string({ description: 'The declaration number, for example 310000000-26112026-1.' }),
    },
    resolve: (_root, args, ctx) => {
      if ((args.id == null) === (args.number == null)) {
        throw new GraphQLError('Give the declaration by either `id` or `number`, not both and not neither.', {
          extensions: { code: 'BAD_USER_INPUT', reason: 'ONE_ARGUMENT_REQUIRED' },
        });
      }
      return args.id != null
        ? loadDeclarationById(ctx, String(args.id))
        : loadDeclarationByNumber(ctx, args.number ?? '');
    },
  }),
  declarations: t.connection(
    {
      type: DeclarationRef,
      nullable: true,
      description:
        'Declarations the caller may see, newest first, by keyset pages: a business sees those where it is declarant, ' +
        'importer or exporter, or represented party; a private person those where they are importer; a partner ' +
        'agency those with goods of its agreement, and export declarations only with the read:exports grant.',
      args: { filter: t.arg({ type: DeclarationFilterInput, description: 'Conditions the declarations must meet.' }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter ?? {};
        return resolveKeysetConnection(
          args,
          [ID_PART],
          (record: DeclarationRecord) => [record.declaration.id],
          async (page) => {
            const records = await findDeclarationPage(
              ctx.db,
              declarationScope(ctx),
              {
                statuses: (filter.statuses ?? undefined) as DeclarationStatus[] | undefined,
                type: (filter.type ?? undefined) as DeclarationType | undefined,
                submittedFrom: filter.submittedFrom ?? undefined,
                submittedTo: filter.submittedTo ?? undefined,
                commodityCodePrefix: filter.commodityCodePrefix?.replace(/[.\s]/g, '') || undefined,
                clientReference: filter.clientReference ?? undefined,
              },
              page,
            );
            // Later fields of the same request reach these through the loaders without a query.
            for (const record of records) {
              ctx.loaders.declarations.declarationById.prime(record.declaration.id, record);
              ctx.loaders.declarations.declarationByNumber.prime(record.declaration.number, record);
            }
            return records;
          },
        );
      },
    },
    {
      name: 'DeclarationConnection',
      description: 'A page of declarations with cursors to the next and previous pages.',
    },
    {
      name: 'DeclarationEdge',
      description: 'A declaration in a page, with its cursor.',
    },
  ),
}));
