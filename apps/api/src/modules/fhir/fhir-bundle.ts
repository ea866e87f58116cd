import type { Bundle, Resource } from '@medplum/fhirtypes';

/** A searchset Bundle of `resources`, with `self` and (when there is more) `next` links. */
export function searchsetOf(
  base: string,
  resources: Resource[],
  links: { self: string; next?: string | null },
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    link: [
      { relation: 'self', url: links.self },
      ...(links.next ? [{ relation: 'next', url: links.next }] : []),
    ],
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' as const },
    })),
  };
}

/** The request's URL with `_offset` set to the next page's. */
export function pageUrl(url: URL, offset: number): string {
  const next = new URL(url);
  next.searchParams.set('_offset', String(offset));
  return next.toString();
}
