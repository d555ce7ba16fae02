/**
 * The one way user text (comments, patterns, tags, labels from environment files) enters Terraform JSON.
 *
 * In Terraform's JSON syntax every string is a template: `${...}` interpolates and `%{...}` is a
 * directive, so a comment reading `${var.secret}` would publish the secret. Terraform reads `$${` and
 * `%%{` as the literal characters (Terraform language, "Strings and Templates", escape sequences).
 * cdktf's `Fn.rawString` is not used: it escapes `${` only, and also adds backslashes before quotes
 * and newlines, which Terraform would keep as literal backslashes in an attribute.
 * The DBX-TPL-001 guardrail fails synth if unescaped user text ever reaches the output.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** terraformLiteral for every key and value of a map (tags, properties). */
export function terraformLiteralMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [terraformLiteral(key), terraformLiteral(value)]));
}

/**
 * The template sequences (`${...}`, `%{...}`) Terraform would evaluate in `text`: an opener not
 * preceded by its escape character, up to the first closing brace.
 */
export function liveTemplateSequences(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const marker = text[i];
    if ((marker !== '$' && marker !== '%') || text[i + 1] !== '{' || text[i - 1] === marker) continue;
    const end = text.indexOf('}', i + 2);
    found.push(text.slice(i, end === -1 ? text.length : end + 1));
  }
  return found;
}
