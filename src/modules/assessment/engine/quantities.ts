import { divideByPowerOfTen, type Exact, integer, times } from '../../../shared/money.js';
import type { ProblemCode } from './problems.js';
import type { CommodityUnit } from './types.js';

/**
 * The quantity a specific rate is applied to, taken from what the declarant gave: net mass for
 * weights, the supplementary quantity (in the commodity's statistical unit) for volumes and pieces.
 * Litres and millilitres convert into each other; nothing else is guessed.
 */

export type Measure = 'kg' | 'g' | 'l' | 'ml' | 'pcs';

export interface DeclaredQuantities {
  netMassKg: Exact | null;
  supplementaryQuantity: Exact | null;
}

export type Measured =
  | { ok: true; value: Exact; unit: string }
  | {
      ok: false;
      code: Extract<ProblemCode, 'QUANTITY_REQUIRED' | 'QUANTITY_UNIT_MISMATCH'>;
      field: string;
      message: string;
    };

const THOUSAND = integer(1000);

function required(field: string, what: string): Measured {
  return { ok: false, code: 'QUANTITY_REQUIRED', field, message: `This rate needs the ${what}.` };
}

export function measure(q: DeclaredQuantities, unit: CommodityUnit, wanted: Measure): Measured {
  if (wanted === 'kg' || wanted === 'g') {
    if (q.netMassKg === null) return required('netMassKg', 'net mass in kg');
    return wanted === 'kg'
      ? { ok: true, value: q.netMassKg, unit: 'kg' }
      : { ok: true, value: times(q.netMassKg, THOUSAND), unit: 'g' };
  }
  const compatible = wanted === 'pcs' ? unit === 'pcs' || unit === 'pair' : unit === 'l' || unit === 'ml';
  if (!compatible) {
    return {
      ok: false,
      code: 'QUANTITY_UNIT_MISMATCH',
      field: 'supplementaryQuantity',
      message: `A rate per ${wanted} cannot apply to goods declared in ${unit}; the rate book is inconsistent.`,
    };
  }
  const s = q.supplementaryQuantity;
  if (s === null) return required('supplementaryQuantity', `supplementary quantity in ${unit}`);
  if (wanted === 'pcs') return { ok: true, value: s, unit };
  if (wanted === unit) return { ok: true, value: s, unit };
  return wanted === 'l'
    ? { ok: true, value: divideByPowerOfTen(s, 3), unit: 'l' }
    : { ok: true, value: times(s, THOUSAND), unit: 'ml' };
}
