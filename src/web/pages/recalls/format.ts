import dayjs from 'dayjs';

export { durationText } from '../../app/durations.js';

export const dateTime = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');
export const dateOnly = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD') : '—');
