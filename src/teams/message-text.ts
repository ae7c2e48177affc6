/**
 * The words of Teams messages: a typed command (without the bot's @mention and leftover markup),
 * and the readable text of a message a member chose "Explain" on — its HTML body without tags,
 * and the text of any Adaptive Card attached (a lesson the bot sent keeps its words there).
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m, name: string) => ENTITIES[name] ?? m);

export const htmlToText = (html: string): string =>
  decode(html.replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''));

/** The command words of a message: Teams may leave the @mention, markup and entities in it. */
export const commandText = (text: string): string =>
  decode(text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/<\/?[a-z][^>]*>/gi, ' '))
    .replace(/\s+/g, ' ')
    .trim();

function cardText(node: unknown, out: string[], depth = 0): void {
  if (depth > 10 || out.length > 200) return;
  if (Array.isArray(node)) {
    for (const child of node) cardText(child, out, depth + 1);
    return;
  }
  if (!isObj(node)) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
  if (typeof node.title === 'string' && typeof node.value === 'string') out.push(`${node.title}: ${node.value}`);
  // Buttons are controls, not prose.
  if (node.type === 'ActionSet') return;
  for (const key of ['body', 'items', 'columns', 'facts', 'content']) cardText(node[key], out, depth + 1);
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The text of the message the message action was used on. */
export function messageText(payload: unknown): string {
  if (!isObj(payload)) return '';
  const parts: string[] = [];
  const body = payload.body;
  if (isObj(body) && typeof body.content === 'string') parts.push(htmlToText(body.content));
  if (Array.isArray(payload.attachments))
    for (const a of payload.attachments)
      if (isObj(a)) cardText(typeof a.content === 'string' ? safeJson(a.content) : a.content, parts);
  return parts
    .join('\n')
    .replace(/<attachment[^>]*>/g, '')
    .trim();
}
