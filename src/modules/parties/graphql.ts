import { builder } from '../../graphql/builder.js';

interface OrganisationShape {
  readonly organisationNumber: string;
}

export const OrganisationRef = builder.objectRef<OrganisationShape>('Organisation').implement({
  description: 'A business known by its organisation number.',
  fields: (t) => ({
    organisationNumber: t.field({
      type: 'OrganisationNumber',
      description: 'The organisation number.',
      resolve: (o) => o.organisationNumber,
    }),
    name: t.string({
      nullable: true,
      description: "Registered name; null when the organisation is not in the authority's register.",
      resolve: async (o, _args, ctx) =>
        (await ctx.loaders.parties.organisation.load(o.organisationNumber))?.name ?? null,
    }),
  }),
});
