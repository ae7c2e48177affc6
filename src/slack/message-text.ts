/**
 * The readable text of a Slack message: its blocks (section text and fields, context, headers,
 * rich text) when it has any, else its `text`. A bot's lesson keeps its words in the blocks and
 * only a summary in `text`.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

function collect(node: unknown, out: string[], depth = 0): void {
  if (depth > 8 || out.length > 200) return;
  if (Array.isArray(node)) {
    for (const child of node) collect(child, out, depth + 1);
    return;
  }
  if (!isObj(node)) return;
  if ((node.type === 'mrkdwn' || node.type === 'plain_text' || node.type === 'text') && typeof node.text === 'string') {
    out.push(node.text);
    return;
  }
  // Buttons and selects are controls, not prose.
  if (node.type === 'actions' || node.type === 'button' || node.type === 'static_select') return;
  for (const key of ['text', 'fields', 'elements']) collect(node[key], out, depth + 1);
}

export function messageText(message: unknown): string {
  if (!isObj(message)) return '';
  const parts: string[] = [];
  collect(message.blocks, parts);
  const text = parts.join('\n').trim();
  return text || (typeof message.text === 'string' ? message.text : '');
}
