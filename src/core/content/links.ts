/**
 * Which links our content may carry: only https links to the hosts its reading lists name
 * (resources.yaml: each resource's `url` and its `site`). Content is checked against this when it is
 * loaded (`tutor content check`, start-up), and the renderers apply the same rule once more, so a
 * link that slipped past shows as text rather than taking a member somewhere nobody reviewed.
 */
import type { ContentProblem } from './input.js';
import type { Resource } from './schema.js';

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/** A `site` such as `cloudflare.com` names a host; `YouTube` or `Meta AI blog` does not. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** The hosts the reading lists name, without a leading `www.` (a listed host covers its subdomains). */
export function linkHosts(resources: readonly Resource[]): string[] {
  const hosts = new Set<string>();
  for (const r of resources) {
    const site = r.site.trim().toLowerCase();
    if (HOST.test(site)) hosts.add(site.replace(/^www\./, ''));
    const host = r.url ? hostOf(r.url) : undefined;
    if (host) hosts.add(host.replace(/^www\./, ''));
  }
  return [...hosts].sort();
}

/** Why a link may not appear in a card, or undefined when it may. */
export function linkRefusal(url: string, hosts: readonly string[]): string | undefined {
  const host = hostOf(url);
  if (!host || !/^https:\/\//i.test(url)) return `"${url}" is not an https link`;
  if (hosts.some((h) => host === h || host.endsWith(`.${h}`))) return undefined;
  return `links to ${host}, which no resources.yaml lists (allowed: ${hosts.join(', ') || 'none'})`;
}

/** Our markup's links, `[label](url)`, in a piece of content text. */
const MARKUP_LINK = /\[[^\]\n]+\]\((\S+?)\)/g;

/**
 * Every link in a content file (markup in any text, and `url` fields) that is not allowed, as
 * problems naming the file and the field.
 */
export function linkProblems(file: string, data: unknown, hosts: readonly string[], path = ''): ContentProblem[] {
  if (typeof data === 'string') {
    const urls = path.endsWith('url') ? [data] : [...data.matchAll(MARKUP_LINK)].map((m) => m[1] ?? '');
    return urls.flatMap((url) => {
      const message = linkRefusal(url, hosts);
      return message ? [{ file, field: path || '(top level)', message }] : [];
    });
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => linkProblems(file, v, hosts, path ? `${path}.${i}` : `${i}`));
  if (typeof data === 'object' && data !== null)
    return Object.entries(data).flatMap(([k, v]) => linkProblems(file, v, hosts, path ? `${path}.${k}` : k));
  return [];
}
