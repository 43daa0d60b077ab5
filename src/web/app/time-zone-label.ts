// A shop's time zone as a merchant reads it: 中国标准时间（GMT+08:00）, not the database's Asia/Shanghai.

function zoneName(tz: string, lang: string, style: 'longGeneric' | 'longOffset'): string | undefined {
  try {
    return new Intl.DateTimeFormat(lang, { timeZone: tz, timeZoneName: style })
      .formatToParts(new Date(0))
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined; // a zone this browser does not know: shown as stored
  }
}

export function timeZoneLabel(tz: string, lang: string): string {
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const name = zoneName(tz, locale, 'longGeneric');
  const offset = zoneName(tz, locale, 'longOffset');
  if (!name) return tz;
  if (!offset || offset === name) return name;
  return locale === 'en' ? `${name} (${offset})` : `${name}（${offset}）`;
}
