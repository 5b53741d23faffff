/**
 * The one place that chooses how to read a page: the adapter of the site the
 * page is on, else the generic adapter.
 */
import type { SiteAdapter } from './adapter';
import { genericAdapter } from './generic';

const SITE_ADAPTERS: readonly SiteAdapter[] = [];

export function adapterFor(url: URL): SiteAdapter {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url)) ?? genericAdapter;
}
