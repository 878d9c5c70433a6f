import { InvalidStatus } from '../../shared/errors.js';

/** Money cannot be applied to a receivable that is cancelled, credited or written off. */
export class ReceivableNotPayable extends InvalidStatus {
  constructor(currentStatus: string) {
    super('paid', currentStatus);
    this.message = `A receivable in status ${currentStatus} cannot be paid.`;
  }
}
