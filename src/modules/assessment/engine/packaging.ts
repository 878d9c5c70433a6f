import { compare, divideByPowerOfTen, type Exact, integer, minus, times, ZERO } from '../../../shared/money.js';
import { rowInForce } from './dates.js';
import { line, plain, quantity, type Rounded, rounded, whole } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { ParsedGoodsItem } from './parse.js';
import { type ProblemPath, problem } from './problems.js';
import type { AssessmentLine } from './results.js';

/**
 * Beverage packaging taxes, per packaging unit:
 * - environmental tax by material, reduced by the return percentage of the approved return system
 *   (tax × (100 − return %) / 100) and zero from the exemption threshold (95 %) upwards;
 * - basic tax on single-use packaging, not due for packaging in an approved return system.
 * Interpretation: a null return percentage means "not in an approved return system": full
 * environmental tax and the basic tax. Both lines are shown, at zero when exempt, so that the
 * relief is visible.
 */
export function packagingLines(
  ctx: RuleContext,
  packaging: NonNullable<ParsedGoodsItem['packaging']>,
  path: ProblemPath,
): { value: Rounded; lines: AssessmentLine[] } | null {
  const environmental = rowInForce(ctx.book.packaging.get(packaging.material), ctx.day);
  const basic = rowInForce(ctx.book.packaging.get('BASIC'), ctx.day);
  if (environmental === undefined || basic === undefined) {
    const which = environmental === undefined ? `environmental tax for ${packaging.material}` : 'basic tax';
    ctx.problems.push(
      problem('PACKAGING_RATE_MISSING', [...path, 'packaging'], `No packaging ${which} is in force on ${ctx.date}.`),
    );
    return null;
  }
  const units = packaging.units;
  const returned = packaging.returnPercent;
  const qty = quantity(units, 'units');

  let envExact: Exact;
  let envHow: string;
  const exemptAt = environmental.exemptAtReturnPercent;
  if (returned !== null && exemptAt !== null && compare(returned, exemptAt) >= 0) {
    envExact = ZERO;
    envHow = `exempt, return percentage ${plain(returned)} % is at least ${plain(exemptAt)} %`;
  } else if (returned !== null) {
    const remaining = minus(integer(100), returned);
    envExact = divideByPowerOfTen(times(times(units, environmental.perUnit), remaining), 2);
    envHow = `${plain(units)} units × NOK ${plain(environmental.perUnit)} × (100 − ${plain(returned)} % returned) / 100`;
  } else {
    envExact = times(units, environmental.perUnit);
    envHow = `${plain(units)} units × NOK ${plain(environmental.perUnit)}, not in a return system`;
  }
  const env = rounded(envExact);
  const basicExact = returned === null ? times(units, basic.perUnit) : ZERO;
  const basicHow =
    returned === null
      ? `${plain(units)} single-use units × NOK ${plain(basic.perUnit)}`
      : 'not due, the packaging is in an approved return system';
  const bas = rounded(basicExact);

  return {
    value: whole(env.ore + bas.ore),
    lines: [
      line({
        kind: 'PACKAGING_ENVIRONMENTAL_TAX',
        amount: env,
        charge: true,
        payable: true,
        rule: 'PACKAGING_ENVIRONMENTAL',
        explanation: `Environmental tax on ${packaging.material} beverage packaging (${environmental.citation}): ${envHow} ${env.text}.`,
        rates: environmental.refs,
        quantity: qty,
      }),
      line({
        kind: 'PACKAGING_BASIC_TAX',
        amount: bas,
        charge: true,
        payable: true,
        rule: 'PACKAGING_BASIC',
        explanation: `Basic tax on single-use beverage packaging (${basic.citation}): ${basicHow} ${bas.text}.`,
        rates: basic.refs,
        quantity: qty,
      }),
    ],
  };
}
