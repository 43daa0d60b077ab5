import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7) keep btree inserts append-mostly and sort by creation. */
export const newId = (): string => v7();

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
