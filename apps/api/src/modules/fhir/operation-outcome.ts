import type { FastifyError } from 'fastify';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { HealthSyncError } from '@healthsync/contracts';
import { inputErrorOf } from '../../lib/database-errors';
import { toHealthSyncError } from '../../lib/framework-errors';

type IssueCode = OperationOutcomeIssue['code'];

/** An answer of the FHIR API that is an OperationOutcome with this status. */
export class FhirOutcomeError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    message: string,
  ) {
    super(message);
  }
}

/** A row the caller may see that was deleted: FHIR's 410 Gone. */
export const gone = (type: string, id: string) =>
  new FhirOutcomeError(410, 'deleted', `${type}/${id} was deleted.`);

export const outcomeOf = (issue: OperationOutcomeIssue[]): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue,
});

const CODE_BY_STATUS: Record<number, IssueCode> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  413: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
};

const issue = (
  code: IssueCode,
  diagnostics: string,
  expression?: string,
): OperationOutcomeIssue => ({
  severity: 'error',
  code,
  diagnostics,
  ...(expression ? { expression: [expression] } : {}),
});

/**
 * Any error of a FHIR route as a status and an OperationOutcome: each invalid parameter is an
 * issue whose `expression` names it; internals never leak (500 says only "exception").
 */
export function outcomeOfError(error: unknown): { status: number; outcome: OperationOutcome } {
  if (error instanceof FhirOutcomeError) {
    return { status: error.status, outcome: outcomeOf([issue(error.code, error.message)]) };
  }
  const known =
    inputErrorOf(error) ??
    (error instanceof HealthSyncError ? error : toHealthSyncError(error as FastifyError));
  if (known) {
    const code = CODE_BY_STATUS[known.status] ?? (known.status >= 500 ? 'exception' : 'processing');
    const errors = known.body.errors as Record<string, string> | undefined;
    const named = Object.entries(errors ?? {}).map(([field, message]) =>
      // A parameter with an empty name is named as the query it came in.
      issue(code, `${field || '(empty parameter name)'}: ${message}`, field || 'query'),
    );
    // Errors that name no own field (e.g. `__proto__`, which no object keeps as a key).
    const issues = named.length
      ? named
      : [issue(code, known.message, known.status === 400 ? 'query' : undefined)];
    return { status: known.status, outcome: outcomeOf(issues) };
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return {
      status,
      outcome: outcomeOf([issue(CODE_BY_STATUS[status] ?? 'processing', (error as Error).message)]),
    };
  }
  return { status: 500, outcome: outcomeOf([issue('exception', 'Internal server error.')]) };
}
