/** URL of the same server's `postgres` database, from which databases are created and dropped. */
export function adminUrlFor(url: string): string {
  return databaseUrlWithName(url, 'postgres');
}

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
