/**
 * Text a person chose (a display name) may carry characters that act instead of showing: terminal
 * escapes (ESC … can clear a screen or plant a link when a CSV is printed), NUL, and the Unicode
 * direction overrides that make "exe.txt" read as "txt.exe". They are removed wherever such text
 * is stored or exported; ordinary letters of every script stay.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function withoutControls(text: string): string {
  return text.replace(ACTING, '');
}

/** A display name as it is kept: no acting characters, one line, at most 80 characters. */
export function cleanName(name: string): string {
  return withoutControls(name.replace(/[\r\n\t]+/g, ' '))
    .trim()
    .slice(0, 80);
}
