/**
 * The last guard on links: a card's markup link renders as a link only when its URL is one our
 * content may carry (src/core/content/links.ts). The loader registers the hosts the reading lists
 * name when it loads the course; until then (renderer unit tests, tools) every https link passes.
 */
import { linkRefusal } from '../core/content/links.js';

let allowedHosts: readonly string[] | undefined;

/** Called once the course is loaded: from now on only links to these hosts render as links. */
export function allowLinksTo(hosts: readonly string[] | undefined): void {
  allowedHosts = hosts;
}

/** Whether a markup link may render as a link; otherwise the renderer shows it as text. */
export function linkAllowed(url: string): boolean {
  if (!allowedHosts) return /^https?:\/\//i.test(url);
  return linkRefusal(url, allowedHosts) === undefined;
}
