import { z } from 'zod';

/**
 * A time in an answer: a Date on the server, an ISO 8601 string in the JSON. The response
 * serialiser encodes it; `z.input` of a view is therefore the JSON the console receives.
 */
export const IsoDate = z.codec(z.iso.datetime(), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/** The JSON shape of a view: what the console imports as the type of an answer. */
export type Json<T extends z.ZodType> = z.input<T>;
