import { assessConsignment } from './consignment.js';
import type { PrivateImportInput } from './inputs.js';
import { type Problem, problem } from './problems.js';
import type { PreparedRateBook } from './rate-book/prepared-book.js';
import type { AssessmentResult, PrivateImportAssessment } from './results.js';
import { voecRelief } from './voec.js';

/**
 * Assesses a private person's online purchase. Private persons always pay VAT at the border, and an
 * item sold under the VOEC scheme may pass without duty or VAT (voec.ts).
 */
export function assessPrivateImport(
  book: PreparedRateBook,
  input: PrivateImportInput,
): AssessmentResult<PrivateImportAssessment> {
  const problems: Problem[] = [];
  const voecNumber = input.voecNumber;
  if (voecNumber !== null && (typeof voecNumber !== 'string' || voecNumber.trim() === '')) {
    problems.push(problem('INVALID_INPUT', ['voecNumber'], 'Expected the seller\u2019s VOEC number or null.'));
  }
  const consignment = assessConsignment(book, input, problems, {
    vatPayable: true,
    relief: voecNumber ? voecRelief(voecNumber) : undefined,
  });
  if (consignment === null) return { ok: false, problems };
  return {
    ok: true,
    assessment: {
      kind: 'PRIVATE_IMPORT',
      receivedOn: consignment.date,
      invoiceCurrency: consignment.conversion.currency,
      exchangeRate: consignment.conversion.ref,
      voecNumber,
      items: consignment.items,
      totals: consignment.totals,
    },
  };
}
