import { GraphQLError } from 'graphql';
import {
  type DomainError,
  ERROR_CODES,
  type ErrorCode,
  IdempotencyConflict,
  type InputProblem,
  InvalidStatus,
  NotFound,
  NotPermitted,
  ValidationFailed,
  VersionConflict,
} from '../shared/errors.js';
import { builder } from './builder.js';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description: 'Stable codes of the errors that mutations return as data. Programs branch on these, not on messages.',
  values: {
    VALIDATION_FAILED: { description: 'The input has problems; each is listed with its path. Nothing was changed.' },
    NOT_FOUND: { description: 'No such object, or one the caller may not see (the two are not told apart).' },
    IDEMPOTENCY_CONFLICT: {
      description: 'The idempotency key (your reference) was already used with different content.',
    },
    INVALID_STATUS: { description: 'The object is in a status that does not allow this action.' },
    VERSION_CONFLICT: { description: 'The object changed since the version you based the change on.' },
    NOT_PERMITTED: { description: 'The caller may see the object but not do this to it.' },
    SEGREGATION_OF_DUTIES: {
      description:
        'The officer who proposed a decision (a penalty, a write-off, a refund) tried to approve it too: a second officer must. Nothing was changed.',
    },
    PENALTY_BELOW_THRESHOLD: {
      description:
        'The additional duty would be under the amount below which it is not imposed: record it as not imposed instead.',
    },
    APPROVAL_REQUIRED: {
      description:
        "A write-off or refund above the approval threshold needs a second officer's approval first; it was " +
        'proposed for approval and is carried out when approved.',
    },
  } satisfies Record<ErrorCode, { description: string }>,
});

export const UserErrorInterface = builder.interfaceRef<DomainError>('UserError').implement({
  description:
    'Fields every error returned as data has; every error member of every result union implements it. Query ' +
    '`... on UserError { code message }` to handle any of them.',
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, description: 'Stable code of the error.', resolve: (error) => error.code }),
    message: t.exposeString('message', { description: 'What went wrong, for people; may change wording.' }),
  }),
});

/** Its `code`, an enum of every module's problem codes, is added where the modules are composed. */
export const InputProblemRef = builder.objectRef<InputProblem>('InputProblem').implement({
  description: 'One problem with one input value.',
  fields: (t) => ({
    path: t.stringList({
      description:
        'Path from the argument to the value, list positions 0-based, for example ["input", "goodsItems", "2", "netMass"].',
      resolve: (problem) => problem.path.map(String),
    }),
    message: t.exposeString('message', { description: 'What is wrong and how to fix it.' }),
  }),
});

builder.objectType(ValidationFailed, {
  name: 'ValidationFailed',
  description: 'The input has problems. All of them are listed; nothing was stored.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    problems: t.field({ type: [InputProblemRef], description: 'Every problem found.', resolve: (e) => e.problems }),
  }),
});

builder.objectType(NotFound, {
  name: 'NotFound',
  description: 'No such object, or one outside what the caller may see.',
  interfaces: [UserErrorInterface],
});

builder.objectType(InvalidStatus, {
  name: 'InvalidStatus',
  description: "The action is not allowed in the object's current status.",
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    currentStatus: t.exposeString('currentStatus', { description: 'The status the object is in.' }),
  }),
});

builder.objectType(VersionConflict, {
  name: 'VersionConflict',
  description: 'Optimistic concurrency: the object is no longer at the version the change was based on.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version the request expected.' }),
    currentVersion: t.exposeInt('currentVersion', { description: 'The version the object is at now.' }),
  }),
});

builder.objectType(NotPermitted, {
  name: 'NotPermitted',
  description: 'The caller may see the object but is not the party that may do this.',
  interfaces: [UserErrorInterface],
});

// IdempotencyConflict is registered by the declarations module, which can expose the declaration.
export { IdempotencyConflict };

/**
 * Maps a domain error that escaped outside a typed result (for example in a query) to a GraphQL
 * error with the same stable code. Exhaustive: a new code fails to compile until mapped here.
 */
export function domainErrorToGraphQL(error: DomainError): GraphQLError {
  const code: ErrorCode = error.code;
  switch (code) {
    case 'VALIDATION_FAILED':
      return new GraphQLError(error.message, {
        extensions: { code, problems: (error as ValidationFailed).problems },
      });
    case 'NOT_FOUND':
    case 'IDEMPOTENCY_CONFLICT':
    case 'INVALID_STATUS':
    case 'VERSION_CONFLICT':
    case 'NOT_PERMITTED':
    case 'SEGREGATION_OF_DUTIES':
    case 'PENALTY_BELOW_THRESHOLD':
    case 'APPROVAL_REQUIRED':
      return new GraphQLError(error.message, { extensions: { code } });
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped error code ${String(unreachable)}`);
    }
  }
}

export { ERROR_CODES };
