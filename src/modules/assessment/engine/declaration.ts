import { assessConsignment } from './consignment.js';
import type { DeclarationInput } from './inputs.js';
import { type Problem, problem } from './problems.js';
import type { PreparedRateBook } from './rate-book/prepared-book.js';
import type { AssessmentResult, DeclarationAssessment } from './results.js';

/**
 * Assesses an import declaration: every goods item at the rates in force on the date the complete
 * declaration was received. VAT is payable to customs unless the importer is VAT-registered, in which
 * case it is shown and reported in the VAT return. Pure: same book and input, same result.
 */
export function assessDeclaration(
  book: PreparedRateBook,
  input: DeclarationInput,
): AssessmentResult<DeclarationAssessment> {
  const problems: Problem[] = [];
  if (typeof input.importerVatRegistered !== 'boolean') {
    problems.push(problem('INVALID_INPUT', ['importerVatRegistered'], 'Expected true or false.'));
  }
  const consignment = assessConsignment(book, input, problems, { vatPayable: !input.importerVatRegistered });
  if (consignment === null) return { ok: false, problems };
  return {
    ok: true,
    assessment: {
      kind: 'IMPORT',
      receivedOn: consignment.date,
      invoiceCurrency: consignment.conversion.currency,
      exchangeRate: consignment.conversion.ref,
      importerVatRegistered: input.importerVatRegistered,
      items: consignment.items,
      totals: consignment.totals,
    },
  };
}
