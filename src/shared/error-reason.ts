/** The useful part of an error: the database's own message rather than drizzle's "Failed query: …" wrapper. */
export function errorReason(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && /^Failed query/.test(e.message) && e.cause) e = e.cause;
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}
