// The CLI bundle in pure ASCII, so its loader can read it without UTF-8 decoding (bundle-cli.mjs).

/**
 * esbuild escapes strings but leaves non-ASCII characters in regular expression literals and
 * comments. There, and in identifiers, `\uXXXX` (one per UTF-16 code unit) means the same, unless
 * a backslash escapes the character itself, which the build refuses rather than rewrite.
 */
export function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (match, backslashes, character) => {
    if (backslashes.length % 2 === 1) throw new Error(`bundle: cannot escape \\${character} (an escaped non-ASCII character); write it as \\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return `${backslashes}\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
