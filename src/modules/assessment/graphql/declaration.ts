import { builder } from '../../../graphql/builder.js';
import { MoneyRef } from '../../../graphql/common.js';
import { Decimal } from '../../../shared/decimal.js';
import { DeclarationContentRef } from '../../declarations/graphql/types.js';
import { type ItemFilter, itemView, visibleItemFilter } from '../../declarations/service.js';
import type { AssessmentResult, Problem } from '../engine/index.js';
import { withoutAllocationFigures } from '../engine/lookup.js';
import type { AssessmentLine } from '../model.js';
import type { AssessmentRow } from '../repository.js';
import type { GoodsAssessment, GoodsAssessmentInput } from '../service.js';
import {
  GoodsAssessmentDetailsRef,
  type GoodsAssessmentShape,
  ProblemRef,
  type ShownLine,
  TotalsRef,
} from './types.js';

interface StoredAssessment extends GoodsAssessmentShape {
  readonly row: AssessmentRow;
  readonly problems: readonly Problem[];
  readonly previous: AssessmentRow | null;
  /** Only some items are shown: the totals are withheld. */
  readonly partial?: boolean;
  /** The version is the declaration's current one and the declaration is not cancelled. */
  readonly inForce: boolean;
}

/**
 * The stored assessment as the caller may see it. An agency that reads by chapter sees only the
 * items (and the problems) of its chapters, numbered as its goods items are (1 to n), and no
 * totals or difference: those would reveal the duties on goods it may not see. Nor does it see
 * the allocation of freight and insurance in the customs-value sentences, nor the base of a
 * customs value (invoice amount plus the share: less the invoice amount, the share). The
 * difference is withheld from it even when every item is visible now, because the previous
 * version may have held others. When any version of the declaration holds items it may not see
 * (`hidesItems`), a version it sees whole is withheld the same way: its figures would tell the
 * freight and insurance that the partial versions share.
 */
function stored(
  row: AssessmentRow,
  previous: AssessmentRow | null,
  itemVisible: ItemFilter,
  hidesItems: boolean,
  inForce: boolean,
): StoredAssessment {
  const result = row.result as AssessmentResult<GoodsAssessment>;
  if (!itemVisible) {
    const assessment = result.ok ? result.assessment : null;
    return {
      inForce,
      row,
      previous,
      assessment,
      problems: result.ok ? [] : result.problems,
      storedItemCount: assessment?.items.length ?? 0,
    };
  }
  const inputs = (row.input as GoodsAssessmentInput).items;
  const view = itemView(itemVisible, inputs);
  if (!result.ok) {
    // Problems about an item sit at ['items', index, ...]; the rest concern the declaration as a whole.
    const problems = result.problems.flatMap((p) => {
      const index = p.path[0] === 'items' ? p.path[1] : undefined;
      if (typeof index !== 'number') return [p];
      const shown = view.shownNumber.get(inputs[index]?.itemNumber ?? -1);
      return shown === undefined ? [] : [{ ...p, path: ['items', shown - 1, ...p.path.slice(2)] }];
    });
    return { inForce, row, previous: null, assessment: null, problems, partial: true };
  }
  if (!view.partial && !hidesItems) {
    const assessment = result.assessment;
    return { inForce, row, previous: null, assessment, problems: [], storedItemCount: assessment.items.length };
  }
  const items = result.assessment.items.flatMap((item) => {
    const shown = view.shownNumber.get(item.itemNumber);
    if (shown === undefined) return [];
    const lines = item.lines.map(shownToPartialReader);
    return [{ ...item, itemNumber: shown, lines }];
  });
  return {
    inForce,
    row,
    previous: null,
    assessment: { ...result.assessment, items },
    problems: [],
    partial: true,
    storedItemCount: items.length,
  };
}

/**
 * A line as a reader who misses some items sees it (its sentence kept up to the citation of its rate). The customs value includes a share of
 * freight and insurance allocated by invoice value; with the item's invoice amount and the public
 * exchange rate, the customs value in NOK (or any amount or base that rests on it: percentage
 * duties and levies, the VAT base) gives that share, and with it the value of the hidden goods.
 * Such a line keeps its kind, rule and rates and loses its figures; a line computed on a quantity
 * alone has no base amount and stays as it is.
 */
function shownToPartialReader(line: AssessmentLine): ShownLine {
  if (line.kind !== 'CUSTOMS_VALUE' && line.basis.baseAmount === null) return line;
  const explanation =
    line.kind === 'CUSTOMS_VALUE'
      ? withoutAllocationFigures(line.basis.explanation).replace(/ = NOK \S+\.$/, '.')
      : `${/^.*?\([^()]*\)/.exec(line.basis.explanation)?.[0] ?? 'Computed'} ${WITHHELD}`;
  return { ...line, withheld: true, basis: { ...line.basis, baseAmount: null, baseCurrency: null, explanation } };
}

const WITHHELD =
  'on the customs value, not shown: it includes a share of freight and insurance that depends on goods outside ' +
  'what you may see.';

const OutcomeEnum = builder.enumType('AssessmentOutcome', {
  description: 'Whether the declaration could be assessed automatically.',
  values: {
    ASSESSED: { description: 'Assessed: every amount is below, with its basis.' },
    NOT_ASSESSED: {
      description: 'A rate the authority needs is missing (see problems): an officer assesses it by hand.',
    },
  } as const,
});

const SettlementEnum = builder.enumType('AssessmentSettlement', {
  description: 'What an amendment means for what is payable.',
  values: {
    EXTRA_PAYMENT: { description: 'More is payable than before.' },
    REFUND: { description: 'Less is payable than before: the difference is refunded or credited.' },
    NONE: { description: 'The payable amount is unchanged.' },
  } as const,
});

interface Difference {
  readonly previousVersion: number;
  readonly payable: string;
  readonly vatToReport: string;
  readonly total: string;
}

const nok = (amount: string) => ({ amount, currency: 'NOK' });
const minus = (a: string | null, b: string | null) => new Decimal(a ?? '0').minus(b ?? '0').toFixed(2);

const DifferenceRef = builder.objectRef<Difference>('AssessmentDifference').implement({
  description: "The difference an amendment made: this version's totals minus the previous version's.",
  fields: (t) => ({
    previousVersion: t.exposeInt('previousVersion', { description: 'The version compared with.' }),
    payable: t.field({
      type: MoneyRef,
      description: 'Change in what is payable to customs.',
      resolve: (d) => nok(d.payable),
    }),
    vatToReport: t.field({
      type: MoneyRef,
      description: 'Change in VAT to report.',
      resolve: (d) => nok(d.vatToReport),
    }),
    total: t.field({ type: MoneyRef, description: 'Change in all charges.', resolve: (d) => nok(d.total) }),
    settlement: t.field({
      type: SettlementEnum,
      description: 'Extra payment, refund, or none.',
      resolve: (d) =>
        new Decimal(d.payable).gt(0) ? 'EXTRA_PAYMENT' : new Decimal(d.payable).lt(0) ? 'REFUND' : 'NONE',
    }),
  }),
});

export const AssessmentRef = builder.objectRef<StoredAssessment>('Assessment').implement({
  description:
    'The assessment of a version of an import declaration, made when it was accepted, at the rates in force on the ' +
    'day it was received. Stored as computed, with the inputs: it can be reproduced from them at any time.',
  interfaces: [GoodsAssessmentDetailsRef],
  fields: (t) => ({
    version: t.int({ description: 'The version of the declaration assessed.', resolve: (a) => a.row.version }),
    receivedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day whose rates apply: when the complete declaration was received; null when not assessed.',
      resolve: (a) => a.assessment?.receivedOn ?? null,
    }),
    totals: t.field({
      type: TotalsRef,
      nullable: true,
      description:
        'The totals; null when not assessed, or when you do not see every item of every version of the declaration ' +
        '(an agency reading by chapter).',
      resolve: (a) => (a.partial ? null : (a.assessment?.totals ?? null)),
    }),
    assessedAt: t.field({ type: 'DateTime', description: 'When it was assessed.', resolve: (a) => a.row.assessedAt }),
    outcome: t.field({
      type: OutcomeEnum,
      description: 'Assessed, or left to an officer.',
      resolve: (a) => a.row.outcome,
    }),
    inForce: t.boolean({
      description:
        'True for the assessment of the current version of a declaration that is not cancelled: the one whose ' +
        'payable amount is owed. False for an earlier version replaced by an amendment (see `difference` on the ' +
        'current one) and for a cancelled declaration, which owes nothing; the amounts stay as the record of what ' +
        'was assessed.',
      resolve: (a) => a.inForce,
    }),
    problems: t.field({
      type: [ProblemRef],
      description: 'Why it was not assessed; empty when it was.',
      resolve: (a) => a.problems,
    }),
    difference: t.field({
      type: DifferenceRef,
      nullable: true,
      description: 'For an amendment: the difference from the previous version. Null for the first version.',
      resolve: (a) =>
        a.previous
          ? {
              previousVersion: a.previous.version,
              payable: minus(a.row.payable, a.previous.payable),
              vatToReport: minus(a.row.vatToReport, a.previous.vatToReport),
              total: minus(a.row.total, a.previous.total),
            }
          : null,
    }),
  }),
});

builder.interfaceField(DeclarationContentRef, 'assessment', (t) =>
  t.field({
    type: AssessmentRef,
    nullable: true,
    description:
      'Customs duty, excise duties and VAT of this version, each amount with its basis; null for an export. ' +
      'Partner agencies see it only with the read:assessments grant.',
    resolve: async (r, _args, ctx) => {
      const key = { declarationId: r.declaration.id, version: r.content.version };
      const itemVisible = visibleItemFilter(ctx);
      const [row, previous, hidesItems] = await Promise.all([
        ctx.loaders.assessments.byVersion.load(key),
        key.version > 1 ? ctx.loaders.assessments.byVersion.load({ ...key, version: key.version - 1 }) : null,
        itemVisible ? ctx.loaders.declarations.hidesItems.load(key.declarationId) : false,
      ]);
      const inForce = r.declaration.status !== 'CANCELLED' && r.declaration.currentVersion === key.version;
      return row ? stored(row, previous, itemVisible, hidesItems, inForce) : null;
    },
  }),
);
