/** Characters that are unsafe or awkward in file names on Windows, macOS or Linux. */
const unsafeCharacters = /[<>:"/\\|?*\u0000-\u001f\u007f\s#%&{}$!'@+`=]+/g;

/** Makes a file-name-safe slug, keeping CJK characters, at most `maxLength` characters. */
export function slugify(text: string, maxLength = 30): string {
  const slug = text
    .replace(unsafeCharacters, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const shortened = Array.from(slug)
    .slice(0, maxLength)
    .join('')
    .replace(/[-.]+$/g, '');
  return shortened === '' ? 'untitled' : shortened;
}
