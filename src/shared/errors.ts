/**
 * Expected failures of the domain, with stable codes. Services throw these; mutations list them
 * as typed results (union members), and graphql/errors.ts maps any that escape elsewhere.
 * Messages are for people and may change; codes are for programs and do not.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_STATUS',
  'VERSION_CONFLICT',
  'NOT_PERMITTED',
  'SEGREGATION_OF_DUTIES',
  'PENALTY_BELOW_THRESHOLD',
  'APPROVAL_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

/** One problem with one input value; every problem of a request is reported at once. */
export interface InputProblem {
  readonly code: string;
  /** Path from the mutation's argument to the offending value; list indices as numbers. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly problems: readonly InputProblem[]) {
    super(`The input has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed.`);
  }
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string) {
    // Deliberately the same words whether the object is missing or outside the caller's scope.
    super(`No ${entity} with that id exists.`);
  }
}

export class IdempotencyConflict extends DomainError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly clientReference: string,
    readonly existingDeclarationId: number,
  ) {
    super(
      `The reference "${clientReference}" was already used for a declaration with different content. ` +
        'Use a new reference for a new declaration, or amendDeclaration to change the existing one.',
    );
  }
}

export class InvalidStatus extends DomainError {
  readonly code = 'INVALID_STATUS';
  constructor(
    readonly action: string,
    readonly currentStatus: string,
    subject = 'A declaration',
  ) {
    super(`${subject} in status ${currentStatus} cannot be ${action}.`);
  }
}

export class VersionConflict extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `The declaration is at version ${currentVersion}, not ${expectedVersion}: it changed since you read it. ` +
        'Read it again and resend.',
    );
  }
}

export class NotPermitted extends DomainError {
  readonly code = 'NOT_PERMITTED';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The officer who proposed a decision (a penalty, a write-off) asked to approve it too: a second
 * officer approves, so that no one decides alone what a party owes.
 */
export class SegregationOfDuties extends DomainError {
  readonly code = 'SEGREGATION_OF_DUTIES';
  constructor(readonly action = 'approve') {
    super(`The officer who proposed this cannot ${action} it: a second officer must.`);
  }
}

/** The action is above the threshold that needs a second officer's approval, and has none. */
export class ApprovalRequired extends DomainError {
  readonly code = 'APPROVAL_REQUIRED';
  constructor(readonly approvalId: number) {
    super('This needs the approval of a second officer first; it has been proposed for approval.');
  }
}
